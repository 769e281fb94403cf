import Features
import Foundation
import Ingest
import Jobs
import TestSupport
import XCTest
@testable import DataSources

/// Rows for unknown accounts and rows dated before their account started: skipped and
/// counted alike from the files and from the database, and refused alike when strict.
final class RowRulesTests: XCTestCase {
    static let accounts = """
        account_id,name,started_on,churned_on,mrr,seats
        A1,Alpha,2025-06-01,,100,3
        A2,Beta,2025-11-15,2026-03-10,40,1
        A3,Gamma,2026-01-20,,,

        """

    /// Events of all three accounts, with rows the rules skip in three files.
    func writeFolder() -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", Self.accounts)
        var sessions = "account_id,started_at,duration_seconds,user_id\n"
        var nps = "account_id,responded_at,score\n"
        var interactions = "account_id,occurred_at,rating,channel\n"
        let starts = ["A1": "2025-06-01", "A2": "2025-11-15", "A3": "2026-01-20"]
        for (index, account) in ["A1", "A2", "A3"].enumerated() {
            for step in 0..<50 {
                // Every account's own events are dated from its start on.
                let day = CalendarDay(starts[account]!)!.adding(days: step * 3 + index)
                sessions += "\(account),\(day)T\(10 + step % 9):15:00Z,\(45 * (step % 11 + 1)),u\(step % 3)\n"
                if step % 7 == 0 { nps += "\(account),\(day)T08:00:00+02:00,\((step + index) % 11)\n" }
                if step % 5 == 0 { interactions += "\(account),\(day),\(step % 5 + 1),call\n" }
            }
        }
        sessions += "A9,2026-01-05T10:00:00Z,60,u1\n"       // unknown account
        sessions += " A2 ,2025-10-01T10:00:00Z,600,\n"      // A2 started on 2025-11-15; id with spaces
        sessions += "A1,2026-01-31T23:59:60Z,61.5,u2\n"     // a leap second: the next day
        sessions += "A1,2026-01-20T09:00:00Z,,u1\n"         // a login of unknown length
        sessions += "A1,2026-03-02T09:00:00Z, ,u1\n"
        nps += "A7,2026-01-10,10\n"                         // unknown account
        interactions += "A3,2026-01-19T23:30:00Z,1,email\n" // the day before A3 started
        interactions += "A3,2026-01-19T23:30:00-01:00,2,email\n" // 00:30 UTC on its first day: counts
        folder.write("sessions.csv", sessions)
        folder.write("nps.csv", nps)
        folder.write("interactions.csv", interactions)
        // No marketing.csv: missing from both.
        return folder
    }

    let days = ["2025-12-31", "2026-01-31", "2026-02-01", "2026-03-31"].map { CalendarDay($0)! }

    func testSkippedRowsAreCountedAlike() async throws {
        let folder = writeFolder()
        let database = try PostgresFixture()
        let summary = try await database.load(folder.path)
        XCTAssertEqual(summary.missing, [.marketing])
        XCTAssertEqual(summary.reports.first { $0.file == .sessions }?.unknownAccountRows, 1)

        let csv = try DatasetFolder(path: folder.path).snapshots(asOf: days)
        let sql = try database.open().snapshots(asOf: days)
        XCTAssertEqual(sql.firstEventDay, csv.firstEventDay)
        for (expected, found) in zip(csv.snapshots, sql.snapshots) {
            XCTAssertEqual(found.reports, expected.reports)
            XCTAssertEqual(found.missingFiles, [.marketing])
            XCTAssertEqual(found.accountPositions, expected.accountPositions)
            for (a, b) in zip(expected.signals, found.signals) {
                XCTAssertEqual(b.interactions, a.interactions)
                XCTAssertEqual(b.ratingWeightedTotal, a.ratingWeightedTotal, accuracy: 1e-12)
                var same = b
                same.ratingWeightedTotal = a.ratingWeightedTotal
                same.ratingWeightTotal = a.ratingWeightTotal
                XCTAssertEqual(same, a, "\(expected.asOf)")
            }
        }
        let reports = csv.snapshots[0].reports
        XCTAssertEqual(reports.map(\.unknownAccountRows), [1, 1, 0])
        XCTAssertEqual(reports.map(\.beforeStartRows), [1, 0, 1])
        XCTAssertEqual(Notice.reading(sql.snapshots[0]), Notice.reading(csv.snapshots[0]))
        // The two sessions of unknown length count as sessions, and stay out of the median.
        let first = CalendarDay("2026-01-01")!, last = CalendarDay("2026-03-31")!
        let activity = try DatasetFolder(path: folder.path).activity(from: first, to: last)
        XCTAssertEqual(try database.open().activity(from: first, to: last), activity)
        XCTAssertEqual(try database.strings("SELECT count(*)::text FROM sessions WHERE duration_seconds IS NULL"), ["2"])
        var lengths: [Double] = []
        for line in try String(contentsOfFile: folder.path + "/sessions.csv", encoding: .utf8).split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells[1] >= "2026-01-01", cells[1] < "2026-04-01", ["A1", "A2", "A3"].contains(cells[0]) else { continue }
            lengths.append(Double(cells[2].trimmingCharacters(in: .whitespaces)) ?? .nan)
        }
        XCTAssertEqual(activity.sessions, lengths.count)
        XCTAssertEqual(activity.medianSessionSeconds, Median.of(lengths.filter { !$0.isNaN }))
    }

    func testStrictReadingRefusesTheSameRow() async throws {
        let folder = writeFolder()
        let database = try PostgresFixture()
        try await database.load(folder.path)

        // The folder: sessions.csv's unknown account, on line 152.
        XCTAssertThrowsError(try DatasetFolder(path: folder.path, strict: true).snapshots(asOf: days)) { error in
            let error = error as? InputError
            XCTAssertEqual(error?.rule, .unknownAccount("A9"))
            XCTAssertEqual(error?.line, 152)
        }
        // The database: the same rule, for the row loaded from that line.
        let strict = try database.open(strict: true)
        for read in [{ _ = try strict.snapshots(asOf: self.days) }, { _ = try strict.latestDay() }] {
            XCTAssertThrowsError(try read()) { error in
                let error = error as? InputError
                XCTAssertEqual(error?.rule, .unknownAccount("A9"))
                XCTAssertEqual(error?.file, "table sessions, row id 151")
                XCTAssertEqual(error?.description,
                               "table sessions, row id 151, column 'account_id': 'A9' is not in the accounts table")
            }
        }
        // Without that row, the next one: A2's session before its start.
        try database.execute("DELETE FROM sessions WHERE account_id = 'A9'")
        XCTAssertThrowsError(try strict.snapshots(asOf: days)) { error in
            XCTAssertEqual((error as? InputError)?.rule, .beforeAccountStart(day: CalendarDay("2025-10-01")!, account: "A2"))
            XCTAssertEqual((error as? InputError)?.file, "table sessions, row id 152")
        }
        // Lenient reading still skips and counts.
        XCTAssertEqual(try database.open().snapshots(asOf: days).snapshots[0].reports[0].beforeStartRows, 1)
    }

    func testLoadingStrictlyRefusesWhatStrictReadingRefuses() async throws {
        let folder = writeFolder()
        let database = try PostgresFixture()
        do {
            try await database.load(folder.path, strict: true)
            XCTFail("loaded")
        } catch let error as InputError {
            XCTAssertEqual(error.file, "sessions.csv")
            XCTAssertEqual(error.line, 152)
            XCTAssertEqual(error.rule, .unknownAccount("A9"))
        }
        // Nothing was created: the transaction that would have created the tables was rolled back.
        XCTAssertEqual(try database.strings("SELECT to_regclass('accounts')::text"), [nil])
    }

    func testRowsThatReadingWouldRefuseAreRefusedFromTheDatabase() async throws {
        let folder = writeFolder()
        let database = try PostgresFixture()
        try await database.load(folder.path)
        // Rows written by other means than `load`, which checks them.
        try database.execute("ALTER TABLE nps DROP CONSTRAINT nps_score_check")
        try database.execute("INSERT INTO nps (account_id, responded_at, score) VALUES ('A1', '2026-01-02', 11)")
        let id = try database.strings("SELECT max(id)::text FROM nps")[0]!
        XCTAssertThrowsError(try database.open().snapshots(asOf: days)) { error in
            XCTAssertEqual("\(error)", "table nps, row id \(id), column 'score': '11' is not an NPS score (expected a whole number from 0 to 10)")
        }
        try database.execute("DELETE FROM nps WHERE score > 10")
        try database.execute("INSERT INTO interactions (account_id, occurred_at, rating) VALUES ('  ', '2026-01-02', 3)")
        XCTAssertThrowsError(try database.open().snapshots(asOf: days)) { error in
            XCTAssertTrue("\(error)".hasSuffix("column 'account_id': the account id is empty (every row needs the id of its account)"), "\(error)")
        }
        // A stray far-future date is named, as in a file, rather than becoming the latest day.
        try database.execute("DELETE FROM interactions WHERE btrim(account_id) = ''")
        try database.execute("INSERT INTO interactions (account_id, occurred_at, rating) VALUES ('A1', '2099-01-01', 3)")
        let future = try database.strings("SELECT max(id)::text FROM interactions")[0]!
        for read in [{ _ = try database.open().snapshots(asOf: self.days) }, { _ = try database.open().latestDay() }] {
            XCTAssertThrowsError(try read()) { error in
                XCTAssertEqual((error as? InputError)?.file, "table interactions, row id \(future)")
                XCTAssertEqual((error as? InputError)?.column, "occurred_at")
                XCTAssertTrue("\(error)".contains("2099-01-01 is more than a year after today"), "\(error)")
            }
        }
    }

    /// A data engineer's views with the export's columns, of other types (a timestamp without
    /// zone, a date, numeric lengths, integer scores) and without an `id`: read alike.
    func testViewsWithOtherColumnTypesAreReadAlike() async throws {
        let folder = writeFolder()
        let database = try PostgresFixture()
        try await database.load(folder.path)
        let schema = database.location.schema
        let views = "v" + schema
        try database.execute("CREATE SCHEMA \(views)")
        try database.execute("CREATE VIEW \(views).accounts AS SELECT account_id::varchar AS account_id, started_on, churned_on, mrr::numeric AS mrr, seats::int AS seats, name FROM \(schema).accounts")
        try database.execute("CREATE VIEW \(views).sessions AS SELECT account_id, (started_at AT TIME ZONE 'UTC') AS started_at, duration_seconds::numeric AS duration_seconds FROM \(schema).sessions")
        try database.execute("CREATE VIEW \(views).nps AS SELECT account_id, (responded_at AT TIME ZONE 'UTC')::date AS responded_at, score::int AS score FROM \(schema).nps")
        try database.execute("CREATE VIEW \(views).interactions AS SELECT account_id, occurred_at, rating::bigint AS rating FROM \(schema).interactions")
        var location = database.location
        location.schema = views
        let fromViews = try PostgresSource.open(location)
        XCTAssertEqual(fromViews.tables[.sessions]?.time, .timestamp)
        XCTAssertEqual(fromViews.tables[.nps]?.time, .date)
        XCTAssertEqual(fromViews.tables[.sessions]?.rowID, .accountAndTime)
        let expected = try database.open().snapshots(asOf: days)
        let found = try fromViews.snapshots(asOf: days)
        for (a, b) in zip(expected.snapshots, found.snapshots) {
            XCTAssertEqual(b.reports, a.reports)
            XCTAssertEqual(b.accountPositions, a.accountPositions)
            XCTAssertEqual(b.signals, a.signals)
        }
        XCTAssertThrowsError(try PostgresSource.open(location, strict: true).snapshots(asOf: days)) { error in
            XCTAssertEqual("\(error)", "table sessions, row ('A2', 2025-10-01 10:00:00), column 'started_at': 2025-10-01 is before account 'A2' started")
        }
    }
}
