import Scoring

/// One account of a run as read back for a comparison: its score and the numbers behind it.
struct StoredAccount: Sendable {
    var accountID: String
    var name: String
    var churnProbability: Double
    var healthScore: Int
    var tier: Tier
    var revenueAtRisk: Double
    /// Feature values in the order of the run's `featureNames`; NaN where missing. A
    /// PostgreSQL store leaves them empty where a comparison does not use them (the later
    /// run's, and the earlier run's when both runs used one model).
    var features: [Double]
    var intercept: Double
    var contributions: FamilyContributions

    /// Intercept plus every family's contribution: the model's log-odds for the account.
    var logOdds: Double {
        (0..<StoreSchema.familyColumns.count).reduce(intercept) { $0 + contributions[$1] }
    }
}

/// An account as it stands in the earlier and the later run; one side is nil when the
/// account is in one run only.
struct AccountPair: Sendable {
    var old: StoredAccount?
    var new: StoredAccount?

    /// The account's id, from whichever run has it.
    var accountID: String { (old ?? new)!.accountID }

    /// Whether the pair belongs in a list of changes: new, gone, a worse tier, or a health
    /// score down by at least `minimumDrop`. Both stores filter by the same rule (the
    /// PostgreSQL one in SQL: see `PostgresChanges`).
    static func qualifies(old: (health: Int, tier: Tier)?, new: (health: Int, tier: Tier)?, minimumDrop: Int) -> Bool {
        guard let old, let new else { return true }
        return StoreSchema.rank(new.tier) > StoreSchema.rank(old.tier) || old.health - new.health >= minimumDrop
    }
}
