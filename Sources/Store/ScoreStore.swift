import Foundation
import Ingest
import Modeling
import Scoring

/// Scoring runs kept over time, in SQLite or PostgreSQL: each run's scores, reasons,
/// feature values and per-family contributions, so that an account's history and what
/// changed between two runs can be told, and explained, without the exports.
///
///     let store = try await ScoreStore.open(try StoreURL("scores.sqlite"))
///     let recorded = try await store.record(scored, model: model, modelFileBytes: bytes, thresholds: thresholds)
///     let report = try await store.changes()
///     await store.close()
package final class ScoreStore: Sendable {
    package let url: StoreURL
    let backend: any StoreBackend
    /// Listings and totals kept between reads (see `ReadCache`).
    let cache = ReadCache()

    init(url: StoreURL, backend: any StoreBackend) {
        self.url = url
        self.backend = backend
    }

    /// Opens the store, creating it (and upgrading its schema) as needed. With
    /// `createIfMissing: false`, a store that does not exist yet is an error rather than
    /// a new empty one (for commands that only read).
    package static func open(_ url: StoreURL, createIfMissing: Bool = true) async throws(StoreError) -> ScoreStore {
        switch url {
        case .sqlite(let path):
            return ScoreStore(url: url, backend: try SQLiteStore(path: path, createIfMissing: createIfMissing))
        case .postgres(let location):
            return ScoreStore(url: url, backend: try await PostgresStore.open(location, createIfMissing: createIfMissing))
        }
    }

    /// Records a scoring run in one transaction. The same day with the same model file
    /// again replaces that run; another model makes a new run. A failed or killed write
    /// leaves the store as it was.
    package func record(_ scored: ScoredSnapshot, model: ChurnModel, modelFileBytes: Data,
                       thresholds: TierThresholds, createdAt: Date = Date()) async throws(StoreError) -> RecordedRun {
        try await record(scored, model: model, modelFileBytes: modelFileBytes, thresholds: thresholds,
                         createdAt: createdAt, interruptAfter: nil)
    }

    /// `record`, failing after `interruptAfter` accounts when set: how tests check that a
    /// failed write leaves nothing behind.
    func record(_ scored: ScoredSnapshot, model: ChurnModel, modelFileBytes: Data, thresholds: TierThresholds,
                createdAt: Date, interruptAfter: Int?) async throws(StoreError) -> RecordedRun {
        let run = try PendingRun(scored: scored, model: model, modelFileBytes: modelFileBytes, thresholds: thresholds,
                                 createdAt: createdAt)
        return try await translated { try await backend.write(run, interruptAfter: interruptAfter) }
    }

    /// Every run, oldest first (by day, then by when it was recorded). Read again only
    /// when a run was written since the last read (one small query tells).
    package func runs() async throws(StoreError) -> [RunSummary] {
        let version = try await translated { try await backend.runsVersion() }
        if let runs = await cache.runs(version) { return runs }
        let runs = try await translated { try await backend.runs().sorted(by: RunSummary.chronological) }
        await cache.keep(runs, version)
        return runs
    }

    /// One account's score in every run that has it, oldest first.
    package func history(accountID: String) async throws(StoreError) -> AccountHistory {
        let runs = try await runs()
        let entries = try await translated { try await backend.history(accountID: accountID, runs: runs) }
        let order = Dictionary(uniqueKeysWithValues: runs.enumerated().map { ($0.element.id, $0.offset) })
        return AccountHistory(accountID: accountID, runs: entries.sorted { order[$0.runID]! < order[$1.runID]! })
    }

    /// What changed between two runs: by default the latest run against the one before;
    /// with days, the latest run on or before each. Lists the accounts whose tier got
    /// worse or whose health score fell by at least `minimumDrop`, and the accounts new
    /// or gone, the largest rise in revenue at risk first, each change split by cause.
    package func changes(from: CalendarDay? = nil, to: CalendarDay? = nil, minimumDrop: Int = 10) async throws(StoreError) -> ChangeReport {
        let (old, new) = try RunChoice.pick(from: from, to: to, among: try await runs())
        let newModel = try await model(fingerprint: new.modelFingerprint)
        let split = try ChangeSplit(from: old, to: new, newModel: newModel)
        let pairs = try await translated { try await backend.changedAccounts(from: old, to: new, minimumDrop: minimumDrop) }
        return ChangeReport(from: old, to: new, minimumDrop: minimumDrop, accounts: ChangeList.make(pairs, split: split))
    }

    /// The model a run was scored with, read back from the store.
    package func model(fingerprint: String) async throws(StoreError) -> ChurnModel {
        let json = try await translated { try await backend.modelJSON(fingerprint: fingerprint) }
        do {
            return try ChurnModel.decode(Data(json.utf8), path: "model \(fingerprint.prefix(12))")
        } catch {
            throw .unusableModel(fingerprint: fingerprint, reason: error.description)
        }
    }

    /// The names of the schema migrations applied to the store.
    package func appliedMigrations() async throws(StoreError) -> [String] {
        try await translated { try await backend.appliedMigrations() }
    }

    /// Closes the store's connections. Call it once, when done.
    package func close() async { await backend.close() }

    func translated<T>(_ body: () async throws -> T) async throws(StoreError) -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreErrors.translate(error, store: url.description)
        }
    }
}
