import ArgumentParser
import Features
import Foundation
import Ingest
import Modeling
import Scoring
import Store

/// The score store: recording a large run into SQLite (and PostgreSQL when a URL is
/// given), `changes` between the last two runs and one account's `history` across all.
struct StoreStage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Time recording runs into the score store, changes between two runs and one account's history.",
        discussion: """
            A small simulated base is trained and its signals repeated (with new account ids) \
            up to --accounts, then scored on --runs days a week apart, each day's signals \
            shifted by one account so that scores move. Every run is recorded into a new \
            SQLite store under --work (and into --postgres when given, whose run tables are \
            emptied first); the table shows the first two runs' writes, the slowest write, \
            `changes` between the last two runs and one account's history over all runs. \
            The targets are 1,000,000 accounts and 52 runs; fewer runs keep it quick.
            """
    )

    @Option(help: "Accounts per run.")
    var accounts = 1_000_000

    @Option(help: "Runs recorded (the history target is 52; at least 2).")
    var runs = 2

    @Option(help: ArgumentHelp("Also time a PostgreSQL store at this URL (its runs are deleted first).", valueName: "url"))
    var postgres: String?

    @Flag(name: .customLong("skip-sqlite"), help: "Time PostgreSQL only.")
    var skipSQLite = false

    @Option(help: ArgumentHelp("Folder for the simulated base and the SQLite store.", valueName: "dir"))
    var work = "/tmp/healthscore-bench"

    func run() async throws {
        guard runs >= 2 else { throw ValidationError("--runs needs at least 2 runs, for changes") }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        print(Machine.description)
        print()
        let table = BenchTable()
        table.printHeader()
        let base = try StoreBench.base(under: work)
        let bench = StoreBench(base: base, accounts: accounts, runs: runs)
        if !skipSQLite {
            let path = work + "/store-bench.sqlite"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try await bench.run(table, url: try StoreURL(path), kind: "SQLite")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        if let postgres {
            try await StoreBench.emptyPostgres(postgres)
            try await bench.run(table, url: try StoreURL(postgres), kind: "PostgreSQL")
        }
    }
}

struct StoreBench {
    let base: PipelineBench.Outcome
    let accounts: Int
    let runs: Int

    /// A 2,000-account simulated base and its model.
    static func base(under work: String) throws -> PipelineBench.Outcome {
        let size = BaseSize(accounts: 2_000, sessionsPerAccount: 50)
        let folder = try size.prepare(under: work)
        let dataset = try DatasetFolder(path: folder)
        let snapshot = try Snapshot.build(dataset, asOf: PipelineBench.trainingDay)
        let model = try ModelTrainer(horizonDays: PipelineBench.horizonDays).train(snapshot, accounts: dataset.accounts).model
        return PipelineBench.Outcome(snapshot: snapshot, accounts: dataset.accounts, model: model)
    }

    /// Deletes every run of a PostgreSQL store, so that the benchmark starts empty.
    static func emptyPostgres(_ url: String) async throws {
        let store = try await ScoreStore.open(try StoreURL(url))
        await store.close()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-q", "-c", "TRUNCATE run_accounts, runs CASCADE"]
        try process.run()
        process.waitUntilExit()
    }

    func run(_ table: BenchTable, url: StoreURL, kind: String) async throws {
        let group = BenchTable.grouped(accounts) + " acc."
        let (snapshot, accountTable) = ScoreBench.tile(base, to: accounts)
        let scorer = try Scorer(model: base.model)
        let modelBytes = try base.model.encoded()
        let store = try await ScoreStore.open(url)
        var slowest = 0.0
        for run in 0..<runs {
            let day = snapshot.asOf.adding(days: 7 * run)
            let shift = run % max(1, snapshot.count)
            let signals = Array(snapshot.signals[shift...] + snapshot.signals[..<shift])
            let moved = Snapshot(asOf: day, accountPositions: snapshot.accountPositions, signals: signals,
                                 reports: [], missingFiles: [])
            let scored = scorer.score(moved, accounts: accountTable)
            let lap = Lap()
            _ = try await store.record(scored, model: base.model, modelFileBytes: modelBytes, thresholds: TierThresholds())
            let seconds = lap.stopwatch.seconds
            slowest = max(slowest, seconds)
            if run < 2 { table.record(lap, group, "\(kind): record run \(run + 1)", rows: accounts) }
        }
        if runs > 2 {
            table.add(StageResult(group: group, stage: "\(kind): slowest of \(runs) records", rows: accounts, bytes: 0,
                                  seconds: slowest, peakBytes: 0))
        }
        let report = try await table.measure(group, "\(kind): changes, last 2 runs", rows: accounts) {
            try await store.changes()
        }
        _ = report
        let id = accountTable.accounts[accounts / 2].id
        _ = try await store.history(accountID: id)   // warm: the runs list and the pages
        let history = try await table.measure(group, "\(kind): history, \(runs) runs", rows: runs) {
            try await store.history(accountID: id)
        }
        guard history.runs.count == runs else { throw ValidationError("history has \(history.runs.count) runs, expected \(runs)") }
        await store.close()
    }
}

extension BenchTable {
    /// `measure` for an async body.
    func measure<T>(_ group: String, _ stage: String, rows: Int = 0, bytes: Int = 0,
                    _ body: () async throws -> T) async rethrows -> T {
        let lap = Lap()
        let value = try await body()
        record(lap, group, stage, rows: rows, bytes: bytes)
        return value
    }
}
