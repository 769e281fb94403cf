import Foundation
import GRDB

/// A score store in one SQLite file, through GRDB: WAL, so readers never wait for a
/// writer; writers take turns, waiting up to `busyTimeout` for each other.
final class SQLiteStore: StoreBackend {
    let pool: DatabasePool
    let path: String

    /// How long a writer waits for another to finish before giving up. A run of a
    /// million accounts takes seconds, so this leaves room for several.
    static let busyTimeout = 60

    init(path: String, createIfMissing: Bool) throws(StoreError) {
        self.path = path
        guard createIfMissing || FileManager.default.fileExists(atPath: path) else { throw .notFound(store: "sqlite:" + path) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(TimeInterval(SQLiteStore.busyTimeout))
        configuration.label = "healthscore-store"
        configuration.prepareDatabase { db in
            // With WAL, NORMAL keeps every commit atomic and the file intact after a crash;
            // only a power cut can lose the last commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A new store's pages are 16 KiB rather than 4: a run's rows are written in
            // a quarter of the WAL frames (one write each) and B-tree pages. (It takes
            // effect when the file is created; an existing store keeps its size.)
            try db.execute(sql: "PRAGMA page_size = 16384")
            // Room for a run of a million accounts and its indexes in memory (a bound,
            // not an allocation): with SQLite's 2 MB default, writing one re-read its own
            // pages from the WAL file over and over.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            // Reads through a memory map of up to 1 GiB of the file rather than a copy of
            // each page: one account's history touches a page or two in each of many
            // runs, and the dashboard asks for many accounts.
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteStore.migrate(pool, store: "sqlite:" + path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw SQLiteStore.storeError(error, store: "sqlite:" + path)
        }
    }

    /// Applies the migrations this program knows, after refusing a store that has some
    /// it does not, or that holds another program's tables.
    private static func migrate(_ pool: DatabasePool, store: String) throws {
        let migrator = SQLiteMigrations.migrator
        try pool.read { db in
            let applied = try migrator.appliedIdentifiers(db)
            let unknown = applied.subtracting(migrator.migrations).sorted()
            if !unknown.isEmpty { throw StoreError.newerSchema(store: store, unknownMigrations: unknown) }
            if applied.isEmpty {
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                if !tables.isEmpty {
                    throw StoreError.notAStore(store: store, reason: "it holds other tables: \(tables.prefix(5).joined(separator: ", "))")
                }
            }
        }
        try migrator.migrate(pool)
    }

    func write(_ run: PendingRun, interruptAfter: Int?) async throws -> RecordedRun {
        try await pool.writeWithoutTransaction { db in
            try SQLiteRunWriter.write(run, interruptAfter: interruptAfter, in: db)
        }
    }

    func runs() async throws -> [RunSummary] {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT runs.*, models.horizon_days, models.as_of AS model_as_of
                FROM runs JOIN models ON models.fingerprint = runs.model_fingerprint
                """)
            return try rows.map { row in
                try StoreRows.summary(RunRecord(row: row), horizonDays: row["horizon_days"], modelAsOf: row["model_as_of"])
            }
        }
    }

    func modelJSON(fingerprint: String) async throws -> String {
        try await pool.read { db in
            guard let model = try ModelRecord.fetchOne(db, key: fingerprint) else {
                throw StoreError.unusableModel(fingerprint: fingerprint, reason: "not in the store")
            }
            return model.modelJson
        }
    }

    func history(accountID: String, runs: [RunSummary]) async throws -> [HistoryEntry] {
        let byID = Dictionary(uniqueKeysWithValues: runs.map { ($0.id, $0) })
        return try await pool.read { db in
            // run_id IN (...) first: one primary-key lookup per run, however large the runs.
            // Columns by position: decoding whole records by name cost more than the lookups.
            // A statement compiled once per connection and reused.
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT run_id, churn_probability, health_score, tier, reasons, mrr, revenue_at_risk FROM run_accounts
                WHERE run_id IN (SELECT id FROM runs) AND account_id = ?
                """), arguments: [accountID])
            return rows.compactMap { row -> HistoryEntry? in
                guard let run = byID[row[0]] else { return nil }
                return HistoryEntry(runID: run.id, asOf: run.asOf, churnProbability: row[1], healthScore: row[2],
                                    tier: StoreRows.tier(row[3]), reasons: StoreRows.reasons(row[4]), mrr: row[5],
                                    revenueAtRisk: row[6], modelFingerprint: run.modelFingerprint)
            }
        }
    }

    func changedAccounts(from: RunSummary, to: RunSummary, minimumDrop: Int) async throws -> [AccountPair] {
        try await pool.read { db in
            try SQLiteChanges.changedAccounts(from: from, to: to, minimumDrop: minimumDrop, in: db)
        }
    }

    func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try SQLiteMigrations.migrator.appliedIdentifiers(db).sorted() }
    }

    func close() async {
        try? pool.close()
    }

    /// A GRDB or SQLite error as the store's own.
    static func storeError(_ error: any Error, store: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return .database(store: store, reason: String(describing: error)) }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(store: store, waitedSeconds: busyTimeout)
        case .SQLITE_NOTADB: return .notAStore(store: store, reason: "not an SQLite database")
        case .SQLITE_CANTOPEN: return .database(store: store, reason: "cannot be opened (\(error.message ?? "no reason given")); check that the folder exists and is writable")
        default: return .database(store: store, reason: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
    }
}
