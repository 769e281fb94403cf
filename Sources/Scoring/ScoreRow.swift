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

/// Health tiers, from the health score.
package enum Tier: String, Sendable, Codable, CaseIterable {
    case healthy, watch
    case atRisk = "at_risk"
}

/// Where the tiers start. Defaults: at_risk below 50 (more likely to leave than to stay
/// within the horizon), watch below 75 (one chance in four or more), healthy otherwise.
package struct TierThresholds: Sendable, Equatable {
    package var atRiskBelow: Int
    package var watchBelow: Int

    package init(atRiskBelow: Int = 50, watchBelow: Int = 75) {
        self.atRiskBelow = atRiskBelow
        self.watchBelow = watchBelow
    }

    package func tier(for healthScore: Int) -> Tier {
        if healthScore < atRiskBelow { return .atRisk }
        if healthScore < watchBelow { return .watch }
        return .healthy
    }
}
