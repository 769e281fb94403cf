import Foundation
import LoopbackHTTP
import Store
import TestSupport
import XCTest

/// The same runs recorded in PostgreSQL (a throwaway server, or HEALTHSCORE_TEST_POSTGRES)
/// are served exactly as from SQLite.
final class PostgresServerTests: XCTestCase {
    func testAPostgreSQLStoreServesWhatAnSQLiteStoreServes() async throws {
        let fixture = try await ServerFixture.shared()
        let postgres = try await ScoreStore.open(try StoreURL(try TestPostgres.freshStoreURL()))
        try await fixture.record(into: postgres)
        let sqlite = try await ScoreStore.open(.sqlite(path: fixture.sqlitePath), createIfMissing: false)
        let fromPostgres = try await TestServer(store: postgres)
        let fromSQLite = try await TestServer(store: sqlite)
        let id = APITests.escape(fixture.hostileID)
        let sqliteRuns = try await sqlite.runs(), postgresRuns = try await postgres.runs()
        XCTAssertEqual(sqliteRuns.map(\.asOf), postgresRuns.map(\.asOf))
        // Run ids may differ between the two stores; each is asked about its own.
        for (sqliteRun, postgresRun) in zip(sqliteRuns, postgresRuns) {
            for (path, sqlitePath, postgresPath) in [
                ("accounts", "/api/v1/accounts?limit=200&run=\(sqliteRun.id)", "/api/v1/accounts?limit=200&run=\(postgresRun.id)"),
                ("by change", "/api/v1/accounts?sort=change&tier=watch&run=\(sqliteRun.id)",
                 "/api/v1/accounts?sort=change&tier=watch&run=\(postgresRun.id)"),
                ("account", "/api/v1/accounts/\(id)?run=\(sqliteRun.id)", "/api/v1/accounts/\(id)?run=\(postgresRun.id)"),
            ] {
                let a = try Self.normalised(fromSQLite.get(sqlitePath)), b = try Self.normalised(fromPostgres.get(postgresPath))
                XCTAssertEqual(a, b, "\(path) of the run of \(sqliteRun.asOf)")
            }
        }
        XCTAssertEqual(try Self.normalised(fromSQLite.get("/api/v1/changes")), try Self.normalised(fromPostgres.get("/api/v1/changes")))
        // The pages render from PostgreSQL too.
        for path in ["/", "/accounts?sort=change", "/accounts/\(id)", "/runs"] {
            XCTAssertEqual(try fromPostgres.get(path).status, 200, path)
        }
        await fromPostgres.stop()
        await fromSQLite.stop()
        await postgres.close()
        await sqlite.close()
    }

    /// The JSON with run ids and next links (which hold run ids) taken out.
    static func normalised(_ reply: HTTPReply) throws -> NSDictionary {
        XCTAssertEqual(reply.status, 200, reply.text.prefix(300).description)
        func strip(_ value: Any) -> Any {
            switch value {
            case let object as [String: Any]:
                return object.filter { !["id", "run_id", "from_run", "to_run", "next"].contains($0.key) }.mapValues(strip)
            case let array as [Any]: return array.map(strip)
            default: return value
            }
        }
        return strip(try reply.json()) as? NSDictionary ?? [:]
    }
}
