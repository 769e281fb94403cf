import Foundation
import Logging
import PostgresAccess
import PostgresNIO

/// A score store in a PostgreSQL database, through PostgresNIO's `PostgresClient`.
/// Writers take turns on a transaction-level advisory lock; readers never wait.
final class PostgresStore: StoreBackend {
    let client: PostgresClient
    let location: PostgresLocation
    /// Keeps the client's connection pool running until `close`.
    private let running: Task<Void, Never>
    let logger = Logger(label: "healthscore.store")

    /// How long a writer waits for another before giving up, and how long the first
    /// contact with the server may take.
    static let lockTimeoutSeconds = 60
    static let connectTimeoutSeconds = 20
    /// Connections the store opens at most.
    static let maximumConnections = 4
    /// Comparisons under way at once: each takes two connections (see `AsyncGate`).
    private let comparisons = AsyncGate(places: PostgresStore.maximumConnections - 1)

    private init(location: PostgresLocation) {
        self.location = location
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: location.clientTLS)
        // The store's tables are found in, and created in, the URL's schema.
        configuration.options.additionalStartupParameters = [("search_path", location.schema)]
        configuration.options.maximumConnections = PostgresStore.maximumConnections
        configuration.options.connectTimeout = .seconds(PostgresStore.connectTimeoutSeconds)
        client = PostgresClient(configuration: configuration)
        running = Task { [client] in await client.run() }
    }

    static func open(_ location: PostgresLocation, createIfMissing: Bool) async throws(StoreError) -> PostgresStore {
        let store = PostgresStore(location: location)
        do {
            try await store.withTimeout(seconds: connectTimeoutSeconds) {
                if !createIfMissing, try await !store.exists() { throw StoreError.notFound(store: location.description) }
                try await PostgresMigrations.migrate(store.client, location: location, logger: store.logger)
            }
        } catch {
            await store.close()
            throw StoreErrors.translate(error, store: location.description, connecting: true)
        }
        return store
    }

    /// Whether the schema already holds a store.
    private func exists() async throws -> Bool {
        let rows = try await client.query("SELECT to_regclass('healthscore_migrations') IS NOT NULL", logger: logger)
        for try await found in rows.decode(Bool.self) { return found }
        return false
    }

    /// The lock every writer of this store takes inside its transaction, released by
    /// COMMIT or ROLLBACK. Waiting for it is bounded by `lockTimeoutSeconds`.
    static func lock(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = '\(lockTimeoutSeconds)s'"), logger: logger)
        // Any fixed number will do; this one spells "hsst" (healthscore store).
        try await connection.query("SELECT pg_advisory_xact_lock(1752396660)", logger: logger)
    }

    func write(_ run: PendingRun, interruptAfter: Int?) async throws -> RecordedRun {
        try await PostgresRunWriter.write(run, interruptAfter: interruptAfter, client: client, logger: logger)
    }

    func runs() async throws -> [RunSummary] {
        let rows = try await client.query("""
            SELECT r.id, r.as_of, r.created_at, r.model_fingerprint, r.at_risk_below, r.watch_below, r.account_count,
                   r.feature_names, m.horizon_days, m.as_of
            FROM runs r JOIN models m ON m.fingerprint = r.model_fingerprint
            """, logger: logger)
        var runs: [RunSummary] = []
        for try await (id, asOf, created, model, atRisk, watch, count, names, horizon, modelAsOf)
            in rows.decode((Int64, String, String, String, Int, Int, Int, String, Int, String).self) {
            let record = RunRecord(id: id, asOf: asOf, createdAt: created, modelFingerprint: model, atRiskBelow: atRisk,
                                   watchBelow: watch, accountCount: count, featureNames: names)
            runs.append(try StoreRows.summary(record, horizonDays: horizon, modelAsOf: modelAsOf))
        }
        return runs
    }

    func modelJSON(fingerprint: String) async throws -> String {
        let rows = try await client.query("SELECT model_json FROM models WHERE fingerprint = \(fingerprint)", logger: logger)
        for try await json in rows.decode(String.self) { return json }
        throw StoreError.unusableModel(fingerprint: fingerprint, reason: "not in the store")
    }

    func history(accountID: String, runs: [RunSummary]) async throws -> [HistoryEntry] {
        let byID = Dictionary(uniqueKeysWithValues: runs.map { ($0.id, $0) })
        let rows = try await client.query("""
            SELECT run_id, churn_probability, health_score, tier, reasons, mrr, revenue_at_risk FROM run_accounts
            WHERE run_id = ANY(\(runs.map(\.id))) AND account_id = \(accountID)
            """, logger: logger)
        var entries: [HistoryEntry] = []
        for try await (runID, probability, health, tier, reasons, mrr, atRisk)
            in rows.decode((Int64, Double, Int, String, String, Double?, Double).self) {
            guard let run = byID[runID] else { continue }
            entries.append(HistoryEntry(runID: runID, asOf: run.asOf, churnProbability: probability, healthScore: health,
                                        tier: StoreRows.tier(tier), reasons: StoreRows.reasons(reasons), mrr: mrr,
                                        revenueAtRisk: atRisk, modelFingerprint: run.modelFingerprint))
        }
        return entries
    }

    func changedAccounts(from: RunSummary, to: RunSummary, minimumDrop: Int) async throws -> [AccountPair] {
        try await comparisons.through {
            try await PostgresChanges.changedAccounts(from: from, to: to, minimumDrop: minimumDrop, client: client, logger: logger)
        }
    }

    func appliedMigrations() async throws -> [String] {
        var names: [String] = []
        for try await name in try await client.query("SELECT name FROM healthscore_migrations ORDER BY name", logger: logger)
            .decode(String.self) { names.append(name) }
        return names
    }

    func close() async {
        running.cancel()
        await running.value
    }

    /// Runs `body`, failing when it takes longer than `seconds` (a server that does not
    /// answer would otherwise be waited for without end).
    private func withTimeout(seconds: Int, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { try await body(); return true }
            group.addTask { try await Task.sleep(for: .seconds(seconds)); return false }
            let finished = try await group.next()!
            group.cancelAll()
            if !finished { throw StoreError.cannotConnect(store: location.description, reason: "no answer within \(seconds) s") }
        }
    }
}
