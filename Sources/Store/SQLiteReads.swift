#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif
import Foundation
import GRDB

/// The dashboard's reads of an SQLite store, each on the primary key (run_id, account_id).
extension SQLiteStore {
    func listing(run: RunSummary) async throws -> (rows: [AccountRow], features: [[Double]]) {
        try await pool.read { db in
            let statement = try db.makeStatement(sql: """
                SELECT \(StoreReads.listingColumns.joined(separator: ", ")) FROM run_accounts
                WHERE run_id = ? ORDER BY account_id
                """)
            let s = statement.sqliteStatement
            sqlite3_bind_int64(s, 1, run.id)
            var rows: [AccountRow] = []
            rows.reserveCapacity(run.accountCount)
            var features = StoreReads.FeatureColumns(count: run.featureNames.count, capacity: run.accountCount)
            func text(_ column: Int32) -> String {
                guard let bytes = sqlite3_column_text(s, column) else { return "" }
                return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(s, column))), as: UTF8.self)
            }
            while true {
                let code = sqlite3_step(s)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                rows.append(AccountRow(
                    accountID: text(0), name: text(1), owner: text(2), segment: text(3),
                    mrr: sqlite3_column_type(s, 4) == SQLITE_NULL ? nil : sqlite3_column_double(s, 4),
                    churnProbability: sqlite3_column_double(s, 5), healthScore: Int(sqlite3_column_int64(s, 6)),
                    tier: StoreRows.tier(text(7)), revenueAtRisk: sqlite3_column_double(s, 8),
                    topReason: StoreReads.topReason(text(9))))
                features.append(UnsafeRawBufferPointer(start: sqlite3_column_blob(s, 10), count: Int(sqlite3_column_bytes(s, 10))))
            }
            return (rows, features.columns)
        }
    }

    func runsVersion() async throws -> RunsVersion {
        try await pool.read { db in
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT count(*), coalesce(max(id), 0) FROM runs"))!
            return RunsVersion(count: row[0], largestID: row[1])
        }
    }

    func account(run: Int64, accountID: String) async throws -> RunAccountRecord? {
        try await pool.read { db in
            // Columns by position, in `StoreSchema.runAccountColumns` order.
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT \(StoreSchema.runAccountColumns.joined(separator: ", ")) FROM run_accounts WHERE run_id = ? AND account_id = ?
                """), arguments: [run, accountID]) else { return nil }
            return RunAccountRecord(
                runId: row[0], accountId: row[1], name: row[2], owner: row[3], segment: row[4], mrr: row[5],
                churnProbability: row[6], healthScore: row[7], tier: row[8], revenueAtRisk: row[9], reasons: row[10],
                featureValues: row[11], contributionIntercept: row[12], contributionSessionFrequency: row[13],
                contributionSessionDuration: row[14], contributionNps: row[15], contributionMarketing: row[16],
                contributionInteractions: row[17], contributionTenure: row[18], contributionAccountSize: row[19])
        }
    }

    func totals(runs: [Int64]) async throws -> [RunTotals] {
        try await pool.read { db in
            var rows: [(Int64, String, Int, Double, Double)] = []
            for run in runs {
                for row in try Row.fetchAll(db, sql: """
                    SELECT tier, count(*), total(mrr), total(revenue_at_risk) FROM run_accounts WHERE run_id = ? GROUP BY tier
                    """, arguments: [run]) {
                    rows.append((run, row[0], row[1], row[2], row[3]))
                }
            }
            return StoreReads.totals(runs: runs, rows: rows)
        }
    }
}
