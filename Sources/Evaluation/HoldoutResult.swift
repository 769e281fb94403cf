import Ingest
import Modeling
import Scoring

/// What one train/test split showed.
package struct HoldoutResult: Sendable, Encodable {
    package let trainAsOf: CalendarDay
    /// The days whose customers were pooled for the fit (just `trainAsOf` unless pooled).
    package let trainingDays: [CalendarDay]
    package let testAsOf: CalendarDay
    package let horizonDays: Int
    package let trainAccounts: Int
    package let trainChurned: Int
    package let testAccounts: Int
    /// Test accounts that churned within the horizon after the test day.
    package let testChurned: Int
    /// MRR of those churners.
    package let testChurnedRevenue: Double
    /// The model first, then the baselines.
    package let methods: [MethodResult]
    /// The model fitted as of `trainAsOf`.
    package let model: ChurnModel
    /// The model's scores of the test accounts, in snapshot order.
    package let testScores: [ScoreRow]
    /// 1 when the test account churned within the horizon, parallel to `testScores`.
    package let testLabels: [Double]

    package subscript(method: ScoringMethod) -> MethodResult {
        methods.first { $0.method == method }!
    }

    /// Share of test accounts that churned.
    package var testChurnRate: Double { testAccounts > 0 ? Double(testChurned) / Double(testAccounts) : 0 }

    /// How each tier of the model played out on the test accounts.
    package var tiers: [TierOutcome] {
        [Tier.atRisk, .watch, .healthy].map { tier in
            var accounts = 0, churned = 0
            for (row, label) in zip(testScores, testLabels) where row.tier == tier {
                accounts += 1
                if label == 1 { churned += 1 }
            }
            return TierOutcome(tier: tier, accounts: accounts, churned: churned)
        }
    }

    enum CodingKeys: String, CodingKey {
        case trainAsOf, trainingDays, testAsOf, horizonDays, trainAccounts, trainChurned, testAccounts, testChurned,
             testChurnedRevenue, methods, tiers
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(trainAsOf, forKey: .trainAsOf)
        try container.encode(trainingDays, forKey: .trainingDays)
        try container.encode(testAsOf, forKey: .testAsOf)
        try container.encode(horizonDays, forKey: .horizonDays)
        try container.encode(trainAccounts, forKey: .trainAccounts)
        try container.encode(trainChurned, forKey: .trainChurned)
        try container.encode(testAccounts, forKey: .testAccounts)
        try container.encode(testChurned, forKey: .testChurned)
        try container.encode(testChurnedRevenue, forKey: .testChurnedRevenue)
        try container.encode(methods, forKey: .methods)
        try container.encode(tiers, forKey: .tiers)
    }
}

/// One tier on the test day and what became of its accounts.
package struct TierOutcome: Sendable, Equatable, Encodable {
    package let tier: Tier
    package let accounts: Int
    package let churned: Int
    /// churned / accounts; nil for an empty tier.
    package var churnRate: Double? { accounts > 0 ? Double(churned) / Double(accounts) : nil }
}
