import Ingest
import Survival

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
    /// What a survival model adds to the row; nil for a churn model's.
    package var lifetime: LifetimeColumns?

    // Spelled so the snake_case key strategy maps "account_id" both ways.
    enum CodingKeys: String, CodingKey {
        case accountID = "accountId"
        case name, owner, segment, mrr, churnProbability, healthScore, tier, revenueAtRisk, reasons, asOf, horizonDays
    }

    package init(accountID: String, name: String, owner: String, segment: String, mrr: Double?,
                churnProbability: Double, healthScore: Int, tier: Tier, revenueAtRisk: Double,
                reasons: [String], asOf: CalendarDay, horizonDays: Int, lifetime: LifetimeColumns? = nil) {
        self.accountID = accountID; self.name = name; self.owner = owner; self.segment = segment
        self.mrr = mrr; self.churnProbability = churnProbability; self.healthScore = healthScore
        self.tier = tier; self.revenueAtRisk = revenueAtRisk; self.reasons = reasons
        self.asOf = asOf; self.horizonDays = horizonDays; self.lifetime = lifetime
    }

    /// The row of an account and its score: the one place a score becomes a row.
    init(account: Account, score: AccountScore, reasons: [String], asOf: CalendarDay, horizonDays: Int,
         lifetime: (LifetimeFigures, LifetimeTerms)? = nil) {
        self.init(accountID: account.id, name: account.name, owner: account.owner, segment: account.segment,
                  mrr: account.mrr, churnProbability: score.churnProbability, healthScore: score.healthScore,
                  tier: score.tier, revenueAtRisk: score.revenueAtRisk(mrr: account.mrr), reasons: reasons,
                  asOf: asOf, horizonDays: horizonDays,
                  lifetime: lifetime.map { LifetimeColumns($0.0, terms: $0.1, mrr: account.mrr) })
    }

    package init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(accountID: try container.decode(String.self, forKey: .accountID),
                  name: try container.decode(String.self, forKey: .name),
                  owner: try container.decode(String.self, forKey: .owner),
                  segment: try container.decode(String.self, forKey: .segment),
                  mrr: try container.decodeIfPresent(Double.self, forKey: .mrr),
                  churnProbability: try container.decode(Double.self, forKey: .churnProbability),
                  healthScore: try container.decode(Int.self, forKey: .healthScore),
                  tier: try container.decode(Tier.self, forKey: .tier),
                  revenueAtRisk: try container.decode(Double.self, forKey: .revenueAtRisk),
                  reasons: try container.decode([String].self, forKey: .reasons),
                  asOf: try container.decode(CalendarDay.self, forKey: .asOf),
                  horizonDays: try container.decode(Int.self, forKey: .horizonDays))
        let survival = try decoder.container(keyedBy: LifetimeColumns.DecodingKeys.self)
        if survival.contains(.churnProbability30d) { lifetime = try LifetimeColumns(from: survival) }
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(accountID, forKey: .accountID)
        try container.encode(name, forKey: .name)
        try container.encode(owner, forKey: .owner)
        try container.encode(segment, forKey: .segment)
        try container.encodeIfPresent(mrr, forKey: .mrr)
        try container.encode(churnProbability, forKey: .churnProbability)
        try container.encode(healthScore, forKey: .healthScore)
        try container.encode(tier, forKey: .tier)
        try container.encode(revenueAtRisk, forKey: .revenueAtRisk)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(horizonDays, forKey: .horizonDays)
        try lifetime?.encode(to: encoder)
    }
}

/// The columns a survival model adds to a score row (score files carry them after
/// `horizon_days`, under these names).
package struct LifetimeColumns: Sendable, Equatable {
    /// The chance of churning within 30, 90, 180 and 365 days.
    package var churnProbability30d: Double
    package var churnProbability90d: Double
    package var churnProbability180d: Double
    package var churnProbability365d: Double
    /// Expected monthly bills still to come, this month's included.
    package var expectedLifetimeMonths: Double
    /// MRR x margin x the discounted expected months; nil when the MRR is unknown.
    package var lifetimeValue: Double?
    /// The margin and the annual discount rate behind `lifetimeValue`.
    package var margin: Double
    package var discountRate: Double

    /// The CSV column names, in order.
    package static let columnNames = ["churn_probability_30d", "churn_probability_90d", "churn_probability_180d",
                                      "churn_probability_365d", "expected_lifetime_months", "lifetime_value",
                                      "margin", "discount_rate"]

    package init(churnProbability30d: Double, churnProbability90d: Double, churnProbability180d: Double,
                 churnProbability365d: Double, expectedLifetimeMonths: Double, lifetimeValue: Double?,
                 margin: Double, discountRate: Double) {
        self.churnProbability30d = churnProbability30d; self.churnProbability90d = churnProbability90d
        self.churnProbability180d = churnProbability180d; self.churnProbability365d = churnProbability365d
        self.expectedLifetimeMonths = expectedLifetimeMonths; self.lifetimeValue = lifetimeValue
        self.margin = margin; self.discountRate = discountRate
    }

    package init(_ figures: LifetimeFigures, terms: LifetimeTerms, mrr: Double?) {
        self.init(churnProbability30d: figures.churn30, churnProbability90d: figures.churn90,
                  churnProbability180d: figures.churn180, churnProbability365d: figures.churn365,
                  expectedLifetimeMonths: figures.expectedLifetimeMonths,
                  lifetimeValue: terms.lifetimeValue(mrr: mrr, figures), margin: terms.margin,
                  discountRate: terms.annualDiscountRate)
    }

    /// Written already in snake_case, which the encoder's snake_case strategy leaves alone
    /// (it would spell churnProbability30d "churn_probability30d").
    enum EncodingKeys: String, CodingKey {
        case churnProbability30d = "churn_probability_30d", churnProbability90d = "churn_probability_90d"
        case churnProbability180d = "churn_probability_180d", churnProbability365d = "churn_probability_365d"
        case expectedLifetimeMonths = "expected_lifetime_months", lifetimeValue = "lifetime_value"
        case margin, discountRate = "discount_rate"
    }

    /// As the decoder's snake_case strategy turns the file's keys into camel case (it
    /// capitalises each word after the first, "30d" too).
    enum DecodingKeys: String, CodingKey {
        case churnProbability30d = "churnProbability30D", churnProbability90d = "churnProbability90D"
        case churnProbability180d = "churnProbability180D", churnProbability365d = "churnProbability365D"
        case expectedLifetimeMonths, lifetimeValue, margin, discountRate
    }

    init(from container: KeyedDecodingContainer<DecodingKeys>) throws {
        self.init(churnProbability30d: try container.decode(Double.self, forKey: .churnProbability30d),
                  churnProbability90d: try container.decode(Double.self, forKey: .churnProbability90d),
                  churnProbability180d: try container.decode(Double.self, forKey: .churnProbability180d),
                  churnProbability365d: try container.decode(Double.self, forKey: .churnProbability365d),
                  expectedLifetimeMonths: try container.decode(Double.self, forKey: .expectedLifetimeMonths),
                  lifetimeValue: try container.decodeIfPresent(Double.self, forKey: .lifetimeValue),
                  margin: try container.decode(Double.self, forKey: .margin),
                  discountRate: try container.decode(Double.self, forKey: .discountRate))
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: EncodingKeys.self)
        try container.encode(churnProbability30d, forKey: .churnProbability30d)
        try container.encode(churnProbability90d, forKey: .churnProbability90d)
        try container.encode(churnProbability180d, forKey: .churnProbability180d)
        try container.encode(churnProbability365d, forKey: .churnProbability365d)
        try container.encode(expectedLifetimeMonths, forKey: .expectedLifetimeMonths)
        try container.encodeIfPresent(lifetimeValue, forKey: .lifetimeValue)
        try container.encode(margin, forKey: .margin)
        try container.encode(discountRate, forKey: .discountRate)
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
