import Features
import Foundation
import Ingest
import Jobs
import Modeling
import Scoring
import Simulation
import TestSupport
import XCTest
@testable import DataSources

/// The recipe of docs/postgresql.md ("Sharded"): the tables spread over two PostgreSQL
/// servers by hash of account_id, postgres_fdw partitions on a coordinator, and the same
/// healthscore code run against the coordinator. Same scores as the files, and the
/// per-account aggregation runs on each shard.
///
/// Needs two throwaway servers besides the test server (the installed PostgreSQL's
/// `initdb` and `pg_ctl`, as `TestPostgres` starts them); skipped when they cannot start.
final class ShardedTests: XCTestCase {
    func testTheCoordinatorGivesTheSameScoresAndEachShardAggregates() async throws {
        let shards: [String]
        do {
            shards = try (0..<2).map { _ in try TestPostgres.startExtraServer() }
        } catch let skip as XCTSkip {
            throw skip
        } catch {
            throw XCTSkip("two extra PostgreSQL servers could not be started: \(error)")
        }
        let folder = TemporaryFolder()
        var config = SimulationConfig()
        config.accounts = 500
        config.seed = 7_2026
        _ = try CustomerBaseSimulator.generate(config, into: URL(fileURLWithPath: folder.path, isDirectory: true))

        // The coordinator: a database of its own on the test server.
        let server = try TestPostgres.serverURL()
        let name = "coordinator_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        try BlockingConnection.with(try SourceLocation.database(server, environment: [:])) {
            try $0.execute("CREATE DATABASE \(name)")
        }
        let coordinatorURL = Self.replacingDatabase(of: server, with: String(name))
        let coordinator = try SourceLocation.database(coordinatorURL, environment: [:])

        // Each shard holds the five tables as `load` creates them: loading an empty folder.
        let empty = TemporaryFolder()
        empty.write("accounts.csv", "account_id,started_on\n")
        for shard in shards {
            let created = try await PostgresLoader.load(try DatasetFolder(path: empty.path),
                                                        into: try SourceLocation.database(shard, environment: [:]), replace: false)
            XCTAssertEqual(created.accounts, 0)
        }
        try BlockingConnection.with(coordinator) { connection in
            for statement in Self.coordinatorSQL(shards: shards.map(Self.hostAndPort), database: String(name)) {
                try connection.execute(statement)
            }
        }

        // `load`, unchanged, through the coordinator: rows are routed to their shard.
        let summary = try await PostgresLoader.load(try DatasetFolder(path: folder.path), into: coordinator, replace: false)
        var perShard: [Int] = []
        for shard in shards {
            let count = try BlockingConnection.with(try SourceLocation.database(shard, environment: [:])) { connection in
                // The shards' own statistics, for the plans they make (autovacuum would get there too).
                try connection.execute("ANALYZE")
                return try connection.rows("SELECT count(*) FROM sessions") { try $0.decode(Int.self) }[0]
            }
            perShard.append(count)
        }
        XCTAssertEqual(perShard.reduce(0, +), summary.reports.first { $0.file == .sessions }?.rows)
        XCTAssertTrue(perShard.allSatisfy { $0 > 0 }, "\(perShard)")

        // The same model and scores as from the files.
        let csv = try DatasetFolder(path: folder.path)
        let sharded = try PostgresSource.open(coordinator)
        let asOf = CalendarDay("2026-03-31")!, today = CalendarDay("2026-08-31")!
        let modelCSV = try TrainJob(asOf: asOf).run(csv).fit.model
        let modelSharded = try TrainJob(asOf: asOf).run(sharded).fit.model
        XCTAssertEqual(modelSharded.intercept.estimate, modelCSV.intercept.estimate, accuracy: 1e-8)
        for (a, b) in zip(modelCSV.features, modelSharded.features) {
            XCTAssertEqual(b.coefficient.estimate, a.coefficient.estimate, accuracy: 1e-8, a.name)
        }
        let scoredCSV = try ScoreJob(scorer: try Scorer(model: modelCSV), days: [today]).run(csv).scored[0]
        let scoredSharded = try ScoreJob(scorer: try Scorer(model: modelSharded), days: [today]).run(sharded).scored[0]
        XCTAssertEqual(scoredSharded.count, scoredCSV.count)
        for index in 0..<scoredCSV.count {
            XCTAssertEqual(scoredSharded.account(at: index).id, scoredCSV.account(at: index).id)
            XCTAssertEqual(scoredSharded.scores[index].churnProbability, scoredCSV.scores[index].churnProbability, accuracy: 1e-9)
        }

        // The plan: each shard runs the join and the per-account aggregation; the coordinator
        // only appends their rows.
        var queries: [(EventFile, String, String)] = []
        for file in EventFile.allCases {
            let sql = PostgresFeatureSQL(file: file, time: .timestamptz, rowID: .id, days: [asOf, today])
            queries.append((file, sql.query, "LEFT JOIN"))
            if file == .sessions { queries.append((file, sql.medianQuery, "INNER JOIN")) }
        }
        for (file, query, join) in queries {
            let plan = try BlockingConnection.with(coordinator) { connection in
                try connection.rows("EXPLAIN (VERBOSE, COSTS OFF) " + query) { try $0.decode(String.self) }
            }.joined(separator: "\n")
            let table = PostgresTables.table(file)
            for shard in 0..<2 {
                // "Aggregate on ((public.sessions_1 e_1) LEFT JOIN (public.accounts_1 a_1))"
                let pushed = try NSRegularExpression(pattern: #"Relations: Aggregate on \(\(public\.\#(table)_\#(shard) e(_\d+)?\) \#(join) \(public\.accounts_\#(shard) a(_\d+)?\)\)"#)
                XCTAssertNotNil(pushed.firstMatch(in: plan, range: NSRange(plan.startIndex..., in: plan)), plan)
            }
            let remote = plan.split(separator: "\n").filter { $0.contains("Remote SQL:") }
            XCTAssertEqual(remote.count, 2, plan)
            for line in remote {
                XCTAssertTrue(line.contains("GROUP BY"), plan)
                XCTAssertTrue(line.contains(join), plan)
                if join == "INNER JOIN" { XCTAssertTrue(line.contains("percentile_cont(0.5::double precision) WITHIN GROUP"), plan) }
            }
            for local in ["HashAggregate", "GroupAggregate", "Sort"] {
                XCTAssertFalse(plan.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix(local) ||
                    $0.contains("->  \(local)") }, "\(local) on the coordinator:\n\(plan)")
            }
        }
    }

    /// The coordinator's side of the recipe (docs/postgresql.md), for shards at `shards`.
    static func coordinatorSQL(shards: [(host: String, port: Int)], database: String) -> [String] {
        var sql = [
            "CREATE EXTENSION postgres_fdw",
            "ALTER DATABASE \(database) SET enable_partitionwise_join = on",
            "ALTER DATABASE \(database) SET enable_partitionwise_aggregate = on",
            "SET enable_partitionwise_join = on",
            "SET enable_partitionwise_aggregate = on",
        ]
        for (index, shard) in shards.enumerated() {
            sql += [
                "CREATE SERVER shard_\(index) FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '\(shard.host)', port '\(shard.port)', dbname 'postgres', use_remote_estimate 'true', fdw_tuple_cost '0.2', fetch_size '10000')",
                "CREATE USER MAPPING FOR CURRENT_USER SERVER shard_\(index) OPTIONS (user 'postgres')",
            ]
        }
        let tables: [(name: String, columns: String)] = [
            ("accounts", "account_id text NOT NULL, name text NOT NULL DEFAULT '', owner text NOT NULL DEFAULT '', segment text NOT NULL DEFAULT '', mrr double precision, seats bigint, started_on date NOT NULL, churned_on date"),
            ("sessions", "id bigint NOT NULL DEFAULT nextval('sessions_id'), account_id text NOT NULL, started_at timestamptz NOT NULL, duration_seconds double precision NOT NULL, user_id text"),
            ("nps", "id bigint NOT NULL DEFAULT nextval('nps_id'), account_id text NOT NULL, responded_at timestamptz NOT NULL, score smallint NOT NULL, user_id text"),
            ("marketing", "id bigint NOT NULL DEFAULT nextval('marketing_id'), account_id text NOT NULL, occurred_at timestamptz NOT NULL, event text NOT NULL"),
            ("interactions", "id bigint NOT NULL DEFAULT nextval('interactions_id'), account_id text NOT NULL, occurred_at timestamptz NOT NULL, rating smallint NOT NULL, channel text"),
        ]
        for table in tables {
            if table.name != "accounts" { sql.append("CREATE SEQUENCE \(table.name)_id") }
            sql.append("CREATE TABLE \(table.name) (\(table.columns)) PARTITION BY HASH (account_id)")
            for index in shards.indices {
                sql.append("""
                    CREATE FOREIGN TABLE \(table.name)_\(index) PARTITION OF \(table.name)
                        FOR VALUES WITH (MODULUS \(shards.count), REMAINDER \(index))
                        SERVER shard_\(index) OPTIONS (table_name '\(table.name)')
                    """)
            }
        }
        return sql
    }

    static func hostAndPort(_ url: String) -> (host: String, port: Int) {
        let components = URLComponents(string: url)!
        return (components.host!, components.port ?? 5432)
    }

    static func replacingDatabase(of url: String, with database: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        return components.string!
    }
}
