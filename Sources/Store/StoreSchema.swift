import Features
import Scoring

/// Table and column names both kinds of store share, so the two stay one schema.
///
/// A run's accounts carry one contribution column per signal family: a new family in
/// `SignalFamily` needs a migration that adds its column.
enum StoreSchema {
    /// Every run_accounts column, in the order rows are written.
    static let runAccountColumns: [String] = [
        "run_id", "account_id", "name", "owner", "segment", "mrr", "churn_probability", "health_score", "tier",
        "revenue_at_risk", "reasons", "feature_values", "contribution_intercept",
    ] + familyColumns

    /// `contribution_<family>`, in `SignalFamily.allCases` order.
    static let familyColumns = SignalFamily.allCases.map { "contribution_" + $0.rawValue }

    /// Reasons share one text cell, strongest first, separated by this.
    static let reasonSeparator = " | "

    /// The features kept per account: the whole catalogue, so that a later model, with
    /// other features, can be applied to an old run.
    static let featureNames = FeatureCatalog.all.map(\.name)

    /// Tiers ranked from best to worst: a rise is a worse tier.
    static func rank(_ tier: Tier) -> Int {
        switch tier {
        case .healthy: 0
        case .watch: 1
        case .atRisk: 2
        }
    }

    /// The same ranking in SQL, for filtering inside the database.
    static func rankSQL(_ column: String) -> String {
        "(CASE \(column) WHEN 'healthy' THEN 0 WHEN 'watch' THEN 1 ELSE 2 END)"
    }
}
