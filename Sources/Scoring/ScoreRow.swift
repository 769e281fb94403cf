import Ingest

/// One scored account: what `score` writes and `risks` reads.
public struct ScoreRow: Sendable, Equatable, Codable {
    public var accountID: String
    public var name: String
    public var owner: String
    public var segment: String
    public var mrr: Double?
    /// Chance of churning within `horizonDays` after `asOf`.
    public var churnProbability: Double
    /// round(100 x (1 - churn probability)): 100 is certain to stay, 0 certain to leave.
    public var healthScore: Int
    public var tier: Tier
    /// churn probability x MRR: the monthly revenue this account puts at risk.
    public var revenueAtRisk: Double
    /// Up to three reasons, strongest first, in words a customer-success manager uses.
    public var reasons: [String]
    public var asOf: CalendarDay
    public var horizonDays: Int

    // Spelled so the snake_case key strategy maps "account_id" both ways.
    enum CodingKeys: String, CodingKey {
        case accountID = "accountId"
        case name, owner, segment, mrr, churnProbability, healthScore, tier, revenueAtRisk, reasons, asOf, horizonDays
    }

    public init(accountID: String, name: String, owner: String, segment: String, mrr: Double?,
                churnProbability: Double, healthScore: Int, tier: Tier, revenueAtRisk: Double,
                reasons: [String], asOf: CalendarDay, horizonDays: Int) {
        self.accountID = accountID; self.name = name; self.owner = owner; self.segment = segment
        self.mrr = mrr; self.churnProbability = churnProbability; self.healthScore = healthScore
        self.tier = tier; self.revenueAtRisk = revenueAtRisk; self.reasons = reasons
        self.asOf = asOf; self.horizonDays = horizonDays
    }
}

/// Health tiers, from the churn probability (see `TierThresholds`).
public enum Tier: String, Sendable, Codable, CaseIterable {
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
public struct TierThresholds: Sendable, Equatable {
    /// Health score below which an account is at_risk. Default 50: p >= 0.5.
    public var atRiskBelow: Int
    /// Health score below which an account is watch (when not at_risk). Default 75: p >= 0.25.
    public var watchBelow: Int

    public init(atRiskBelow: Int = 50, watchBelow: Int = 75) {
        self.atRiskBelow = atRiskBelow
        self.watchBelow = watchBelow
    }

    /// The churn probability from which an account is at_risk: (100 - atRiskBelow) / 100,
    /// one correctly rounded division of whole numbers.
    public var atRiskFrom: Double { Double(100 - atRiskBelow) / 100 }
    /// The churn probability from which an account is watch, when not at_risk.
    public var watchFrom: Double { Double(100 - watchBelow) / 100 }

    /// The tier of a churn probability.
    public func tier(forProbability probability: Double) -> Tier {
        if probability >= atRiskFrom { return .atRisk }
        if probability >= watchFrom { return .watch }
        return .healthy
    }
}
