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

/// Health tiers, from the health score.
public enum Tier: String, Sendable, Codable, CaseIterable {
    case healthy, watch
    case atRisk = "at_risk"
}

/// Where the tiers start. Defaults: at_risk below 50 (more likely to leave than to stay
/// within the horizon), watch below 75 (one chance in four or more), healthy otherwise.
public struct TierThresholds: Sendable, Equatable {
    public var atRiskBelow: Int
    public var watchBelow: Int

    public init(atRiskBelow: Int = 50, watchBelow: Int = 75) {
        self.atRiskBelow = atRiskBelow
        self.watchBelow = watchBelow
    }

    public func tier(for healthScore: Int) -> Tier {
        if healthScore < atRiskBelow { return .atRisk }
        if healthScore < watchBelow { return .watch }
        return .healthy
    }
}
