import Ingest

/// One scored account: what `score` writes and `risks` reads.
package struct ScoreRow: Sendable, Equatable, Codable {
    package var accountID: String
    package var name: String
    package var owner: String
    package var segment: String
    package var mrr: Double?
    /// Chance of churning within `horizonDays` after `asOf`.
    package var churnProbability: Double
    /// round(100 x (1 - churn probability)): 100 is certain to stay, 0 certain to leave.
    package var healthScore: Int
    package var tier: Tier
    /// churn probability x MRR: the monthly revenue this account puts at risk.
    package var revenueAtRisk: Double
    /// Up to three reasons, strongest first, in words a customer-success manager uses.
    package var reasons: [String]
    package var asOf: CalendarDay
    package var horizonDays: Int

    // Spelled so the snake_case key strategy maps "account_id" both ways.
    enum CodingKeys: String, CodingKey {
        case accountID = "accountId"
        case name, owner, segment, mrr, churnProbability, healthScore, tier, revenueAtRisk, reasons, asOf, horizonDays
    }

    package init(accountID: String, name: String, owner: String, segment: String, mrr: Double?,
                churnProbability: Double, healthScore: Int, tier: Tier, revenueAtRisk: Double,
                reasons: [String], asOf: CalendarDay, horizonDays: Int) {
        self.accountID = accountID; self.name = name; self.owner = owner; self.segment = segment
        self.mrr = mrr; self.churnProbability = churnProbability; self.healthScore = healthScore
        self.tier = tier; self.revenueAtRisk = revenueAtRisk; self.reasons = reasons
        self.asOf = asOf; self.horizonDays = horizonDays
    }

    /// The row of an account and its score: the one place a score becomes a row.
    init(account: Account, score: AccountScore, reasons: [String], asOf: CalendarDay, horizonDays: Int) {
        self.init(accountID: account.id, name: account.name, owner: account.owner, segment: account.segment,
                  mrr: account.mrr, churnProbability: score.churnProbability, healthScore: score.healthScore,
                  tier: score.tier, revenueAtRisk: score.revenueAtRisk(mrr: account.mrr), reasons: reasons,
                  asOf: asOf, horizonDays: horizonDays)
    }
}

/// Health tiers, from the churn probability (see `TierThresholds`).
package enum Tier: String, Sendable, Codable, CaseIterable {
    case healthy, watch
    case atRisk = "at_risk"
}

/// Where the tiers start, cut on the churn probability itself, not on the rounded health
/// score: rounding put p = 0.503 (health 49.7, shown as 50) in watch and p = 0.253 in
/// healthy.
///
/// The cut-offs are given as health scores, as the `--at-risk-below` and `--watch-below`
/// options always have, and mean what they say before rounding: an account is at_risk
/// when its unrounded health score 100 (1 - p) is below `atRiskBelow`, that is when
/// p >= (100 - atRiskBelow) / 100, computed exactly for whole-number thresholds
/// (`atRiskFrom`); watch likewise from (100 - watchBelow) / 100 (`watchFrom`); healthy
/// otherwise. Defaults: at_risk from p = 0.5 (more likely to leave than to stay within the
/// horizon), watch from p = 0.25 (one chance in four or more).
package struct TierThresholds: Sendable, Equatable {
    /// Health score below which an account is at_risk. Default 50: p >= 0.5.
    package var atRiskBelow: Int
    /// Health score below which an account is watch (when not at_risk). Default 75: p >= 0.25.
    package var watchBelow: Int

    /// Tiers by share of the book instead of by probability (`TierShares`); nil cuts on
    /// the probability with the two thresholds above.
    package var shares: TierShares?

    package init(atRiskBelow: Int = 50, watchBelow: Int = 75, shares: TierShares? = nil) {
        self.atRiskBelow = atRiskBelow
        self.watchBelow = watchBelow
        self.shares = shares
    }

    /// The churn probability from which an account is at_risk: (100 - atRiskBelow) / 100,
    /// one correctly rounded division of whole numbers.
    package var atRiskFrom: Double { Double(100 - atRiskBelow) / 100 }
    /// The churn probability from which an account is watch, when not at_risk.
    package var watchFrom: Double { Double(100 - watchBelow) / 100 }

    /// The rule in words: "at_risk below 50, watch below 75" or, by share, "at_risk the
    /// riskiest 10% of the book, watch the next up to 25%".
    package var summary: String {
        guard let shares else { return "at_risk below \(atRiskBelow), watch below \(watchBelow)" }
        func percent(_ share: Double) -> String {
            let value = share * 100
            return value == value.rounded() ? "\(Int(value))%" : String(format: "%.1f%%", value)
        }
        return "at_risk the riskiest \(percent(shares.atRisk)) of the book, watch the next up to \(percent(shares.watch))"
    }

    /// The tier of a churn probability, by the absolute cut-offs.
    package func tier(forProbability probability: Double) -> Tier {
        if probability >= atRiskFrom { return .atRisk }
        if probability >= watchFrom { return .watch }
        return .healthy
    }

    /// The probabilities from which a book of `probabilities` is at_risk and watch: the
    /// absolute cut-offs, or with `shares` the probability of the account at each share of
    /// the book, riskiest first.
    package func cutoffs(for probabilities: [Double]) -> (atRisk: Double, watch: Double) {
        guard let shares else { return (atRiskFrom, watchFrom) }
        return shares.cutoffs(for: probabilities)
    }
}

/// Tiers that stay useful at any base rate: at_risk is the riskiest `atRisk` share of the
/// scored book, watch the next accounts up to the riskiest `watch` share.
///
/// With 3-10% of customers churning in a quarter, a well-calibrated model gives few
/// accounts a probability of 0.5, so the absolute cut-offs can leave the at_risk tier
/// empty while the ranking is still useful. A share always fills the tiers a team can
/// work through; the price is that "at_risk" no longer says how likely a departure is
/// (the probability does). Accounts tied at a cut all take the riskier tier, so a tier can
/// hold a few more than its share.
package struct TierShares: Sendable, Equatable {
    /// Share of the book at_risk, 0-1.
    package var atRisk: Double
    /// Share of the book at_risk or watch, 0-1, at least `atRisk`.
    package var watch: Double

    package init(atRisk: Double, watch: Double) {
        self.atRisk = atRisk
        self.watch = watch
    }

    /// The probability of the account at each share (the k-th highest, k = share x n
    /// rounded up; a share of 0 puts nobody in the tier).
    package func cutoffs(for probabilities: [Double]) -> (atRisk: Double, watch: Double) {
        let sorted = probabilities.sorted(by: >)
        func cut(_ share: Double) -> Double {
            let k = Int((share * Double(sorted.count)).rounded(.up))
            guard k > 0, !sorted.isEmpty else { return .infinity }
            return sorted[min(k, sorted.count) - 1]
        }
        return (cut(atRisk), cut(watch))
    }
}
