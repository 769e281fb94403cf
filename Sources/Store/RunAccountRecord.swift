import Foundation
import GRDB

/// A row of `run_accounts`: one account's score in one run, with what explains it.
///
/// Written in bulk by the stores' own inserters (`SQLiteRunWriter`, `PostgresRunWriter`)
/// for speed; the record type says what a row holds and reads single rows back.
struct RunAccountRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "run_accounts"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var runId: Int64
    var accountId: String
    var name: String
    var owner: String
    var segment: String
    var mrr: Double?
    var churnProbability: Double
    var healthScore: Int
    var tier: String
    var revenueAtRisk: Double
    /// Strongest first, joined by `StoreSchema.reasonSeparator`.
    var reasons: String
    /// `FeatureValues`, in the order of the run's feature names.
    var featureValues: Data
    // The log-odds of churn: the intercept plus one contribution per signal family
    // (`StoreSchema.familyColumns`).
    var contributionIntercept: Double
    var contributionSessionFrequency: Double
    var contributionSessionDuration: Double
    var contributionNps: Double
    var contributionMarketing: Double
    var contributionInteractions: Double
    var contributionTenure: Double
    var contributionAccountSize: Double
}
