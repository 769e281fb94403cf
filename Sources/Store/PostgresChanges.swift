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
            """, binds: binds)
        // The join hashes one run's rows whole. With the server's default memory for a
        // query (4 MB) a million accounts spill to disk in 64 batches: 5.0 s for `changes`
        // between two runs of a million, against 2.8 s with the hash in memory. So this
        // transaction alone gets the memory its runs need.
        return try await client.withTransaction(logger: logger) { connection in
            let megabytes = workMemoryMegabytes(accounts: max(from.accountCount, to.accountCount))
            try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL work_mem = '\(megabytes)MB'"), logger: logger)
            var pairs: [AccountPair] = []
            for try await row in try await connection.query(query, logger: logger) {
                let cells = row.makeRandomAccess()
                pairs.append(AccountPair(old: try account(cells, at: 0), new: try account(cells, at: columns.count)))
            }
            // In account id order by bytes, as the "C" collation and the SQLite store sort:
            // sorted here rather than by the server, so that rows arrive, and are decoded,
            // while the server is still joining.
            return pairs.sorted { $0.accountID.utf8.lexicographicallyPrecedes($1.accountID.utf8) }
        }
    }

    /// Memory for the join of two runs: a run's rows take about 280 bytes each in the hash
    /// (278 MB for a million), so 320 bytes an account, from the server's usual 4 MB up to
    /// 1 GB (PostgreSQL 15 and later let a hash use twice this).
    static func workMemoryMegabytes(accounts: Int) -> Int {
        min(1024, max(4, (accounts * 320) >> 20))
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
