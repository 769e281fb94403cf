#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif
import Dispatch
import GRDB

/// Writes one run into SQLite in one IMMEDIATE transaction: the header through GRDB's
/// records, the accounts through prepared statements of many rows bound column by column
/// with SQLite's own calls (GRDB's argument arrays box every value, which a million rows of
/// twenty columns felt), while the next block of rows is made ready on the other core.
enum SQLiteRunWriter {
    static func write(_ run: PendingRun, interruptAfter: Int?, blockSize: Int = SQLiteRunWriter.blockSize, in db: Database) throws -> RecordedRun {
        var replaced: Int64?
        var record = run.runRecord
        try db.inTransaction(.immediate) {
            try run.model.insert(db, onConflict: .ignore)
            let same = RunRecord.filter(Column("as_of") == record.asOf && Column("model_fingerprint") == record.modelFingerprint)
            if let old = try same.fetchOne(db), let oldID = old.id {
                try db.execute(sql: "DELETE FROM run_accounts WHERE run_id = ?", arguments: [oldID])
                _ = try old.delete(db)
                replaced = oldID
            }
            try record.insert(db)
            try insertAccounts(run, runID: record.id!, interruptAfter: interruptAfter, blockSize: blockSize, in: db)
            return .commit
        }
        let model = run.scorer.model
        let summary = RunSummary(id: record.id!, asOf: run.asOf, createdAt: run.createdAt, modelFingerprint: run.model.fingerprint,
                                 modelAsOf: model.asOf, horizonDays: model.horizonDays, thresholds: run.thresholds,
                                 accountCount: run.count, featureNames: StoreSchema.featureNames)
        return RecordedRun(run: summary, replacedRunID: replaced)
    }

    /// Rows per block: enough to keep both cores busy between hand-overs, little memory.
    static let blockSize = 8_192

    private static func insertAccounts(_ run: PendingRun, runID: Int64, interruptAfter: Int?, blockSize: Int,
                                       in db: Database) throws {
        let statements = try Statements(db)
        // One core inserts a block while the other prepares the next. SQLite's connection
        // is used by one thread at a time (the inserting one), as its threading mode needs.
        let pipeline = Pipeline(statements: statements, connection: db.sqliteConnection,
                                current: PreparedRows(run, ranks: 0..<min(blockSize, run.count)))
        while true {
            let upper = pipeline.current.ranks.upperBound
            let nextRanks = upper..<min(upper + blockSize, run.count)
            pipeline.next = nil
            DispatchQueue.concurrentPerform(iterations: nextRanks.isEmpty ? 1 : 2) { task in
                if task == 0 {
                    do {
                        try insert(pipeline.current, of: run, runID: runID, interruptAfter: interruptAfter,
                                   statements: pipeline.statements, connection: pipeline.connection)
                    } catch {
                        pipeline.failure = error
                    }
                } else {
                    pipeline.next = PreparedRows(run, ranks: nextRanks)
                }
            }
            if let failure = pipeline.failure { throw failure }
            guard let next = pipeline.next else { return }
            pipeline.current = next
        }
    }

    /// Rows per INSERT of the many-row statement: SQLite's per-statement work (a step, a
    /// reset, the program's start) paid once for them all. Inserting a run of a million
    /// took 2.0 s one row at a time and 1.6 s 32 at a time; 16 and 64 measured no better.
    static let rowsPerStatement = 32

    /// The statements that insert a run's accounts: one row, and `rowsPerStatement` rows.
    private struct Statements: @unchecked Sendable {
        let one: OpaquePointer
        let many: OpaquePointer
        /// Kept so that the prepared statements live as long as this.
        private let owners: [Statement]

        init(_ db: Database) throws {
            let columns = StoreSchema.runAccountColumns
            let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
            func insert(rows: Int) throws -> Statement {
                try db.makeStatement(sql: """
                    INSERT INTO run_accounts (\(columns.joined(separator: ", ")))
                    VALUES \(Array(repeating: row, count: rows).joined(separator: ", "))
                    """)
            }
            owners = [try insert(rows: 1), try insert(rows: SQLiteRunWriter.rowsPerStatement)]
            one = owners[0].sqliteStatement
            many = owners[1].sqliteStatement
        }
    }

    /// What the two tasks of a step share; each field is written by one task and read after both end.
    private final class Pipeline: @unchecked Sendable {
        let statements: Statements
        let connection: OpaquePointer?
        var current: PreparedRows
        var next: PreparedRows?
        var failure: Error?

        init(statements: Statements, connection: OpaquePointer?, current: PreparedRows) {
            self.statements = statements
            self.connection = connection
            self.current = current
        }
    }

    private static func insert(_ rows: PreparedRows, of run: PendingRun, runID: Int64, interruptAfter: Int?,
                               statements: Statements, connection: OpaquePointer?) throws {
        let intercept = run.scorer.model.intercept.estimate
        let width = Int32(StoreSchema.runAccountColumns.count)
        try rows.withFields { field in
            // The bound bytes belong to `rows`: unbound before they go, whatever happens.
            defer {
                sqlite3_clear_bindings(statements.one)
                sqlite3_clear_bindings(statements.many)
            }
            var row = 0
            while row < rows.count {
                let batch = rows.count - row >= rowsPerStatement ? rowsPerStatement : 1
                let s = batch == 1 ? statements.one : statements.many
                for slot in 0..<batch {
                    if rows.ranks.lowerBound + row == interruptAfter { throw InterruptedWrite() }
                    let first = Int32(slot) * width
                    sqlite3_bind_int64(s, first + 1, runID)
                    bindText(s, first + 2, field(row, .accountID))
                    bindText(s, first + 3, field(row, .name))
                    bindText(s, first + 4, field(row, .owner))
                    bindText(s, first + 5, field(row, .segment))
                    if let mrr = rows.mrr[row] { sqlite3_bind_double(s, first + 6, mrr) } else { sqlite3_bind_null(s, first + 6) }
                    sqlite3_bind_double(s, first + 7, rows.churnProbability[row])
                    sqlite3_bind_int64(s, first + 8, rows.healthScore[row])
                    bindText(s, first + 9, field(row, .tier))
                    sqlite3_bind_double(s, first + 10, rows.revenueAtRisk[row])
                    bindText(s, first + 11, field(row, .reasons))
                    let features = field(row, .featureValues)
                    _ = sqlite3_bind_blob(s, first + 12, features.baseAddress, Int32(features.count), unchanging)
                    sqlite3_bind_double(s, first + 13, intercept)
                    let contributions = rows.contributions[row]
                    for family in 0..<StoreSchema.familyColumns.count {
                        sqlite3_bind_double(s, first + Int32(14 + family), contributions[family])
                    }
                    row += 1
                }
                let code = sqlite3_step(s)
                sqlite3_reset(s)
                guard code == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
                }
            }
        }
    }

    /// SQLite reads the bound bytes where they are (SQLITE_STATIC): they stay put until the
    /// row is stepped and the bindings cleared, inside `PreparedRows.withFields`.
    private static var unchanging: sqlite3_destructor_type? { nil }

    private static func bindText(_ s: OpaquePointer, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        // A nil pointer would bind NULL: an empty text is bound from a static empty string.
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            // Copied (SQLITE_TRANSIENT): the literal's pointer lasts only for the call.
            _ = sqlite3_bind_text(s, index, "", 0, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            return
        }
        _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            sqlite3_bind_text(s, index, $0, Int32(bytes.count), unchanging)
        }
    }
}
