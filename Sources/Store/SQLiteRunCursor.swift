#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif
import Foundation
import GRDB
import Scoring

/// Steps through one run's accounts in account id order, reading columns in place:
/// comparing two runs of a million accounts reads every row, but makes values of only
/// the few that changed.
struct SQLiteRunCursor {
    static let columns = ["account_id", "health_score", "tier", "name", "churn_probability", "revenue_at_risk",
                          "feature_values", "contribution_intercept"] + StoreSchema.familyColumns

    private let statement: Statement
    private let db: Database
    private(set) var hasRow = false

    init(run: Int64, in db: Database) throws {
        self.db = db
        statement = try db.makeStatement(sql: """
            SELECT \(SQLiteRunCursor.columns.joined(separator: ", ")) FROM run_accounts
            WHERE run_id = ? ORDER BY account_id
            """)
        sqlite3_bind_int64(statement.sqliteStatement, 1, run)
        try advance()
    }

    mutating func advance() throws {
        let code = sqlite3_step(statement.sqliteStatement)
        guard code == SQLITE_ROW || code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        hasRow = code == SQLITE_ROW
    }

    /// The current account id's bytes, valid until the next `advance`.
    var idBytes: UnsafeRawBufferPointer {
        let s = statement.sqliteStatement
        guard let text = sqlite3_column_text(s, 0) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(s, 0)))
    }

    var healthScore: Int { Int(sqlite3_column_int64(statement.sqliteStatement, 1)) }

    /// Tiers differ in their first letter, so that is all that is read per row.
    var tier: Tier {
        switch sqlite3_column_text(statement.sqliteStatement, 2)?.pointee {
        case UInt8(ascii: "h"): .healthy
        case UInt8(ascii: "w"): .watch
        default: .atRisk
        }
    }

    /// The current row as a value, copied out of SQLite.
    var account: StoredAccount {
        let s = statement.sqliteStatement
        func text(_ column: Int32) -> String {
            guard let bytes = sqlite3_column_text(s, column) else { return "" }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(s, column))), as: UTF8.self)
        }
        var contributions = FamilyContributions()
        for family in 0..<StoreSchema.familyColumns.count {
            contributions[family] = sqlite3_column_double(s, Int32(8 + family))
        }
        let blob = sqlite3_column_blob(s, 6)
        let features = FeatureValues.unpack(UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_column_bytes(s, 6))))
        return StoredAccount(
            accountID: text(0), name: text(3),
            churnProbability: sqlite3_column_double(s, 4), healthScore: healthScore, tier: StoreRows.tier(text(2)),
            revenueAtRisk: sqlite3_column_double(s, 5), features: features,
            intercept: sqlite3_column_double(s, 7), contributions: contributions)
    }
}
