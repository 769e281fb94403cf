import Foundation
import Logging
import PostgresNIO
import Scoring

/// The accounts that changed between two runs of a PostgreSQL store: the two runs joined
/// inside the database and filtered there by the rule of `AccountPair.qualifies`, so that
/// only the changed accounts cross the network.
enum PostgresChanges {
    static let columns = ["account_id", "name", "mrr", "churn_probability", "health_score", "tier", "revenue_at_risk",
                          "feature_values", "contribution_intercept"] + StoreSchema.familyColumns

    static func changedAccounts(from: RunSummary, to: RunSummary, minimumDrop: Int, client: PostgresClient,
                                logger: Logger) async throws -> [AccountPair] {
        let select = (columns.map { "o.\($0)" } + columns.map { "n.\($0)" }).joined(separator: ", ")
        var binds = PostgresBindings()
        binds.append(from.id)
        binds.append(to.id)
        binds.append(minimumDrop)
        let query = PostgresQuery(unsafeSQL: """
            SELECT \(select)
            FROM (SELECT * FROM run_accounts WHERE run_id = $1) o
            FULL JOIN (SELECT * FROM run_accounts WHERE run_id = $2) n ON n.account_id = o.account_id
            WHERE o.account_id IS NULL OR n.account_id IS NULL
               OR \(StoreSchema.rankSQL("n.tier")) > \(StoreSchema.rankSQL("o.tier"))
               OR o.health_score - n.health_score >= $3
            ORDER BY coalesce(o.account_id, n.account_id)
            """, binds: binds)
        var pairs: [AccountPair] = []
        for try await row in try await client.query(query, logger: logger) {
            let cells = row.makeRandomAccess()
            pairs.append(AccountPair(old: try account(cells, at: 0), new: try account(cells, at: columns.count)))
        }
        return pairs
    }

    /// One side of a joined row; nil when that run lacks the account.
    private static func account(_ cells: PostgresRandomAccessRow, at start: Int) throws -> StoredAccount? {
        guard let id = try cells[start].decode(String?.self) else { return nil }
        var contributions = FamilyContributions()
        for family in 0..<StoreSchema.familyColumns.count {
            contributions[family] = try cells[start + 9 + family].decode(Double.self)
        }
        let features = try cells[start + 7].decode(ByteBuffer.self)
        return StoredAccount(
            accountID: id, name: try cells[start + 1].decode(String.self), mrr: try cells[start + 2].decode(Double?.self),
            churnProbability: try cells[start + 3].decode(Double.self), healthScore: try cells[start + 4].decode(Int.self),
            tier: StoreRows.tier(try cells[start + 5].decode(String.self)),
            revenueAtRisk: try cells[start + 6].decode(Double.self),
            features: features.withUnsafeReadableBytes { FeatureValues.unpack($0) },
            intercept: try cells[start + 8].decode(Double.self), contributions: contributions)
    }
}
