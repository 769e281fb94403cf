import Foundation

/// What each kind of store does; `ScoreStore` builds everything else on it.
protocol StoreBackend: Sendable {
    /// Writes a run in one transaction, replacing the run of the same day and model.
    /// `interruptAfter` fails the write after that many accounts (tests of the rollback).
    func write(_ run: PendingRun, interruptAfter: Int?) async throws -> RecordedRun
    /// Every run, in no particular order.
    func runs() async throws -> [RunSummary]
    /// The number of runs and the largest run id: every write adds a run with a new,
    /// larger id (a replacement deletes the old one), so this changes with every write
    /// and tells whether the runs read before are still the store's.
    func runsVersion() async throws -> RunsVersion
    /// The model file's text kept under `fingerprint`.
    func modelJSON(fingerprint: String) async throws -> String
    /// The account's rows in the given runs (each run at most once).
    func history(accountID: String, runs: [RunSummary]) async throws -> [HistoryEntry]
    /// The accounts that qualify as changed between two runs (`AccountPair.qualifies`),
    /// in account id order.
    func changedAccounts(from: RunSummary, to: RunSummary, minimumDrop: Int) async throws -> [AccountPair]
    /// A run's accounts in account id order, with their kept feature values column by
    /// column (in the order of the run's `featureNames`, NaN where missing).
    func listing(run: RunSummary) async throws -> (rows: [AccountRow], features: [[Double]])
    /// One account's whole row in a run; nil when the run does not have it.
    func account(run: Int64, accountID: String) async throws -> RunAccountRecord?
    /// Accounts, MRR and revenue at risk by tier, for each of the runs.
    func totals(runs: [Int64]) async throws -> [RunTotals]
    /// The names of the applied schema migrations.
    func appliedMigrations() async throws -> [String]
    func close() async
}

/// Thrown inside a write when a test asks it to stop half-way.
struct InterruptedWrite: Error {}

/// See `StoreBackend.runsVersion`.
struct RunsVersion: Sendable, Equatable {
    var count: Int
    var largestID: Int64
}
