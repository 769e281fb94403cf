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

    package init(atRiskBelow: Int = 50, watchBelow: Int = 75) {
        self.atRiskBelow = atRiskBelow
        self.watchBelow = watchBelow
    }

    /// The churn probability from which an account is at_risk: (100 - atRiskBelow) / 100,
    /// one correctly rounded division of whole numbers.
    package var atRiskFrom: Double { Double(100 - atRiskBelow) / 100 }
    /// The churn probability from which an account is watch, when not at_risk.
    package var watchFrom: Double { Double(100 - watchBelow) / 100 }

    /// The tier of a churn probability.
    package func tier(forProbability probability: Double) -> Tier {
        if probability >= atRiskFrom { return .atRisk }
        if probability >= watchFrom { return .watch }
        return .healthy
    }
}
