import Features
import Foundation
import Ingest
import TestSupport
import XCTest
@testable import DataSources

/// `load`: one transaction, the files' own checks and errors, appending and replacing.
final class LoadTests: XCTestCase {
    func folder(accounts ids: [String], badNPSLine: Int? = nil) -> TemporaryFolder {
        let folder = TemporaryFolder()
        var accounts = "account_id,name,owner,segment,mrr,seats,started_on,churned_on\n"
        var sessions = "account_id,started_at,duration_seconds,user_id\n"
        var nps = "account_id,responded_at,score,user_id\n"
        var marketing = "account_id,occurred_at,event\n"
        var interactions = "account_id,occurred_at,rating,channel\n"
        for (index, id) in ids.enumerated() {
            accounts += "\(id),\"Name, \(id)\",owner\(index % 2),smb,\(100 + index),\(index + 1),2025-0\(index % 9 + 1)-01,\n"
            for step in 0..<5 {
                sessions += "\(id),2026-01-\(10 + step)T09:30:00Z,\(300 + step),\n"
                marketing += "\(id),2026-01-\(10 + step),\(step % 2 == 0 ? "Email_Sent" : "email_open")\n"
            }
            nps += "\(id),2026-01-05,\(index % 11),u1\n"
            interactions += "\(id),2026-01-07T10:00:00+05:00,\(index % 5 + 1),\"call, video\"\n"
        }
        if let badNPSLine {
            var lines = nps.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[badNPSLine - 1] = lines[badNPSLine - 1].replacingOccurrences(of: ",u1", with: "")
                .replacingOccurrences(of: #"(\d+)$"#, with: "11", options: .regularExpression) + ",u1"
            nps = lines.joined(separator: "\n")
        }
        folder.write("accounts.csv", accounts)
        folder.write("sessions.csv", sessions)
        folder.write("nps.csv", nps)
        folder.write("marketing.csv", marketing)
        folder.write("interactions.csv", interactions)
        return folder
    }

    func testLoadCreatesTheTablesAndKeepsTheRows() async throws {
        let database = try PostgresFixture()
        let files = folder(accounts: ["A1", "A2", "A3"])
        let summary = try await database.load(files.path)
        XCTAssertEqual(summary.accounts, 3)
        XCTAssertEqual(summary.reports.map(\.rows), [15, 3, 15, 3])
        XCTAssertEqual(try database.rowCounts(),
                       ["accounts": 3, "sessions": 15, "nps": 3, "marketing": 15, "interactions": 3])
        // Values as the files hold them: names with commas, instants in UTC, event names in
        // lower case, the optional columns.
        XCTAssertEqual(try database.strings("SELECT name FROM accounts ORDER BY account_id"), ["Name, A1", "Name, A2", "Name, A3"])
        XCTAssertEqual(try database.strings("SELECT occurred_at::text || ' ' || channel FROM interactions ORDER BY id LIMIT 1"),
                       ["2026-01-07 05:00:00+00 call, video"])
        XCTAssertEqual(try database.strings("SELECT string_agg(DISTINCT event, ',') FROM marketing"), ["email_open,email_sent"])
        XCTAssertEqual(try database.strings("SELECT count(*)::text FROM nps WHERE user_id = 'u1'"), ["3"])
        XCTAssertEqual(try database.strings("SELECT count(*)::text FROM sessions WHERE user_id IS NULL"), ["15"])
        // The keys and indexes, built after the rows.
        let indexes = try database.strings("SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1")
        XCTAssertTrue(indexes.contains("accounts_pkey"), "\(indexes)")
        for file in EventFile.allCases {
            XCTAssertTrue(indexes.contains(PostgresTables.indexName(file)), "\(indexes)")
            XCTAssertTrue(indexes.contains(PostgresTables.primaryKey(file)), "\(indexes)")
        }
    }

    func testABadRowIsRefusedWithItsFileAndLineAndTheTablesKeepTheirRows() async throws {
        let database = try PostgresFixture()
        let files = folder(accounts: ["A1", "A2", "A3"])
        try await database.load(files.path)
        let before = try database.rowCounts()
        // nps.csv with a score of 11 on line 4; the other files are fine and come first.
        for replace in [false, true] {
            let bad = folder(accounts: ["B1", "B2", "B3", "B4"], badNPSLine: 4)
            do {
                try await database.load(bad.path, replace: replace)
                XCTFail("loaded a bad file")
            } catch let error as InputError {
                XCTAssertEqual(error.file, "nps.csv")
                XCTAssertEqual(error.line, 4)
                XCTAssertEqual(error.column, "score")
                XCTAssertEqual(error.description, "nps.csv line 4, column 'score': '11' is not an NPS score (expected a whole number from 0 to 10)")
            }
            XCTAssertEqual(try database.rowCounts(), before, replace ? "replace" : "append")
        }
    }

    func testAppendingAddsNewAccountsAndRefusesLoadedOnes() async throws {
        let database = try PostgresFixture()
        let first = folder(accounts: ["A1", "A2"]), second = folder(accounts: ["A3"])
        try await database.load(first.path)
        try await database.load(second.path)
        XCTAssertEqual(try database.rowCounts()["accounts"], 3)
        XCTAssertEqual(try database.rowCounts()["sessions"], 15)
        let before = try database.rowCounts()
        do {
            let again = folder(accounts: ["A4", "A2", "A3"])
            try await database.load(again.path)
            XCTFail("loaded an account twice")
        } catch let error as PostgresSourceError {
            guard case .accountsAlreadyLoaded(_, let ids, let count) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(ids, ["A2", "A3"])
            XCTAssertEqual(count, 2)
        }
        XCTAssertEqual(try database.rowCounts(), before)
        // Replacing empties every table first.
        let replacement = folder(accounts: ["A2", "A9"])
        let summary = try await database.load(replacement.path, replace: true)
        XCTAssertTrue(summary.replaced)
        XCTAssertEqual(try database.rowCounts(),
                       ["accounts": 2, "sessions": 10, "nps": 2, "marketing": 10, "interactions": 2])
        XCTAssertEqual(try database.open().accounts.accounts.map(\.id), ["A2", "A9"])
    }

    func testTheURLsPasswordIsNeverShown() throws {
        // TLS asked of the test server, which has none: refused, not sent in the clear.
        var requireTLS = try PostgresFixture().location
        requireTLS.tls = .require
        requireTLS.password = "hunter2"
        XCTAssertThrowsError(try PostgresSource.open(requireTLS)) { error in
            guard case .cannotConnect = error as? PostgresSourceError else { return XCTFail("\(error)") }
            XCTAssertFalse("\(error)".contains("hunter2"), "\(error)")
        }
        let location = try SourceLocation.database("postgresql://cs:hunter2@127.0.0.1:1/health?sslmode=disable", environment: [:])
        XCTAssertEqual(location.password, "hunter2")
        XCTAssertThrowsError(try PostgresSource.open(location)) { error in
            XCTAssertFalse("\(error)".contains("hunter2"), "\(error)")
            XCTAssertTrue("\(error)".contains("postgresql://cs:***@127.0.0.1:1/health"), "\(error)")
            guard case .cannotConnect = error as? PostgresSourceError else { return XCTFail("\(error)") }
        }
        let fromEnvironment = try SourceLocation.database("postgres://cs@db.example/health?schema=weekly&sslmode=require",
                                                          environment: ["PGPASSWORD": "hunter2"])
        XCTAssertEqual(fromEnvironment.password, "hunter2")
        XCTAssertEqual(fromEnvironment.tls, .require)
        XCTAssertEqual("\(fromEnvironment)", "postgresql://cs:***@db.example:5432/health?sslmode=require&schema=weekly")
        XCTAssertThrowsError(try SourceLocation.database("postgresql://cs:hunter2@db.example/health?schema=a;drop", environment: [:])) {
            XCTAssertFalse("\($0)".contains("hunter2"))
            XCTAssertTrue("\($0)".contains("schema must be a plain name"), "\($0)")
        }
    }

    func testTablesWithoutTheColumnsTheQueriesNeedAreRefusedNamingThem() async throws {
        let database = try PostgresFixture()
        XCTAssertThrowsError(try database.open()) { error in
            XCTAssertEqual(error as? PostgresSourceError, .noAccountsTable(database: database.location.description))
        }
        let files = folder(accounts: ["A1"])
        try await database.load(files.path)
        try database.execute("ALTER TABLE sessions RENAME COLUMN duration_seconds TO seconds")
        XCTAssertThrowsError(try database.open()) { error in
            guard case .missingColumn(_, "sessions", "duration_seconds", let found) = error as? PostgresSourceError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(found, ["account_id", "id", "seconds", "started_at", "user_id"])
        }
        try database.execute("ALTER TABLE sessions RENAME COLUMN seconds TO duration_seconds")
        try database.execute("ALTER TABLE nps DROP CONSTRAINT nps_score_check")
        try database.execute("ALTER TABLE nps ALTER COLUMN score TYPE text")
        XCTAssertThrowsError(try database.open()) { error in
            XCTAssertEqual("\(error)", "\(database.location): column nps.score is text; expected an integer type")
        }
    }
}
