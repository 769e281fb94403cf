import TestSupport
import XCTest
@testable import Ingest

final class DatasetFolderTests: XCTestCase {
    let accounts = """
        account_id,name,started_on,churned_on,mrr,seats,owner,segment
        A1,"Lopez, Hart & Co",2025-01-01,,1200.50,12,Dana,smb
        A2,Beta,2025-06-01,2026-02-01,,,Eli,enterprise

        """

    private func expectError(_ expected: String, file: StaticString = #filePath, line: UInt = #line,
                             _ body: () throws -> Void) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(String(describing: error), expected, file: file, line: line)
        }
    }

    func testAccountsReadWithColumnsInAnyOrder() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accounts)
        let table = try DatasetFolder(path: folder.path).accounts
        XCTAssertEqual(table.count, 2)
        XCTAssertEqual(table.accounts[0], Account(id: "A1", name: "Lopez, Hart & Co", owner: "Dana", segment: "smb",
                                                  mrr: 1200.5, seats: 12, startedOn: CalendarDay("2025-01-01")!))
        XCTAssertNil(table.accounts[1].mrr)
        XCTAssertEqual(table.accounts[1].churnedOn, CalendarDay("2026-02-01"))
        XCTAssertEqual(table.position(of: "A2"), 1)
        XCTAssertEqual(table.latestDay, CalendarDay("2026-02-01"))
    }

    func testAccountErrorsNameFileLineAndColumn() {
        let folder = TemporaryFolder()
        func check(_ text: String, _ expected: String, line: UInt = #line) {
            folder.write("accounts.csv", text)
            expectError(expected, line: line) { _ = try DatasetFolder(path: folder.path) }
        }
        check("account_id,started_on\nA1,2025-01-01\nA1,2025-02-01\n",
              "accounts.csv line 3, column 'account_id': duplicate account id 'A1' (first seen on line 2) (each account must appear once)")
        check("account_id,name\nA1,x\n",
              "accounts.csv line 1, column 'started_on': required column is missing from the header (found: account_id, name)")
        check("account_id,started_on\nA1,2025-13-01\n",
              "accounts.csv line 2, column 'started_on': '2025-13-01' is not a date (dates are written YYYY-MM-DD)")
        check("account_id,started_on,mrr\nA1,2025-01-01,-5\n",
              "accounts.csv line 2, column 'mrr': '-5' is not an amount (MRR is a number from 0 to 10^12 without a currency sign; leave it empty if unknown)")
        check("account_id,started_on,churned_on\nA1,2025-01-01,2024-01-01\n",
              "accounts.csv line 2, column 'churned_on': churned on 2024-01-01, before the account started on 2025-01-01")
        check("account_id,started_on\nA1,2025-01-01,extra\n",
              "accounts.csv line 2: expected 2 fields like the header, found 3 (a comma inside a value needs the value in double quotes)")
        check("", "accounts.csv line 1: the file is empty (expected a header row with account_id, started_on)")
        check("account_id,started_on\n,2025-01-01\n", "accounts.csv line 2, column 'account_id': the account id is empty")
    }

    /// Ids are compared as Swift strings compare them (Unicode canonical equivalence), by
    /// bytes where that gives the same answer: "é" written as one character or as "e" and
    /// an accent is one id, and so is the Kelvin sign "\u{212A}" and the letter "K".
    func testIdsAreEqualAsStringsAreEqual() throws {
        let folder = TemporaryFolder()
        let composed = "Jos\u{E9}", decomposed = "Jose\u{301}"
        folder.write("accounts.csv", "account_id,started_on\nK1,2025-01-01\n\(composed),2025-01-01\n")
        let table = try DatasetFolder(path: folder.path).accounts
        XCTAssertEqual(table.position(of: "K1"), 0)
        XCTAssertEqual(table.position(of: "\u{212A}1"), 0)
        XCTAssertEqual(table.position(of: composed), 1)
        XCTAssertEqual(table.position(of: decomposed), 1)
        XCTAssertNil(table.position(of: "K2"))
        XCTAssertNil(table.position(of: "Jos\u{E8}"))
        // A table of ASCII ids answers an id outside ASCII too.
        folder.write("accounts.csv", "account_id,started_on\nK1,2025-01-01\n")
        let ascii = try DatasetFolder(path: folder.path).accounts
        XCTAssertEqual(ascii.position(of: "\u{212A}1"), 0)
        XCTAssertNil(ascii.position(of: composed))
        // And one with an id outside ASCII answers its ASCII equal.
        folder.write("accounts.csv", "account_id,started_on\n\u{212A}1,2025-01-01\n")
        XCTAssertEqual(try DatasetFolder(path: folder.path).accounts.position(of: "K1"), 0)
        // Equal as strings, different bytes: a duplicate, whichever comes first.
        for (first, second) in [("K1", "\u{212A}1"), ("\u{212A}1", "K1"), (composed, decomposed)] {
            folder.write("accounts.csv", "account_id,started_on\nA0,2025-01-01\n\(first),2025-01-01\n\(second),2025-01-01\n")
            expectError("accounts.csv line 4, column 'account_id': duplicate account id '\(second)' (first seen on line 3) (each account must appear once)") {
                _ = try DatasetFolder(path: folder.path)
            }
        }
    }

    /// The id index grows from whatever room it starts with; ids short and long; of two
    /// ids equal byte for byte, lookups find the first.
    func testTheIdIndexGrowsAndFindsEveryId() {
        var index = AccountIndex(capacity: 1)
        let ids = (0..<3_000).map { $0.isMultiple(of: 4) ? "an-id-longer-than-sixteen-bytes-\($0)" : "A\($0)" } + ["A7"]
        for (position, id) in ids.enumerated() {
            Array(id.utf8).withUnsafeBufferPointer { index.append($0, startDay: Int32(position)) }
        }
        func found(_ id: String) -> Int32? { Array(id.utf8).withUnsafeBufferPointer { index.position(of: $0) } }
        XCTAssertEqual(index.startDays, (0..<Int32(ids.count)).map { $0 })
        for (position, id) in ids.enumerated().dropLast() { XCTAssertEqual(found(id), Int32(position), id) }
        XCTAssertEqual(found("A7"), 7)
        XCTAssertNil(found("A3000"))
        XCTAssertNil(found("an-id-longer-than-sixteen-bytes-1"))
    }

    /// Every id of a file is found, through the index the read builds and by string: short
    /// rows and long ids, more of them than the room the file's size suggests.
    func testEveryIdIsFoundWhateverTheFileHolds() throws {
        let folder = TemporaryFolder()
        let ids = (0..<5_000).map { $0.isMultiple(of: 3) ? "account-with-a-long-id-\($0)" : "\($0)" }
        folder.write("accounts.csv", "account_id,started_on\n" + ids.map { "\($0),2025-01-01\n" }.joined())
        let dataset = try DatasetFolder(path: folder.path)
        for (position, id) in ids.enumerated() {
            XCTAssertEqual(dataset.accounts.position(of: id), Int32(position), id)
            XCTAssertEqual(id.utf8.withContiguousStorageIfAvailable { dataset.accountIndex.position(of: $0) } ?? nil,
                           Int32(position), id)
        }
        XCTAssertEqual(dataset.accountIndex.startDays.count, ids.count)
        XCTAssertNil(dataset.accounts.position(of: "account-with-a-long-id-1"))
    }

    func testMissingAccountsFile() {
        let folder = TemporaryFolder()
        expectError("accounts.csv: not found in \(folder.path) (a dataset folder needs at least accounts.csv)") {
            _ = try DatasetFolder(path: folder.path)
        }
    }

    func testEventsAreTypedAndLenientRowsCounted() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accounts)
        folder.write("sessions.csv", """
            duration_seconds,account_id,started_at
            600,A1,2026-01-10T09:00:00Z
            30,A9,2026-01-10T09:00:00Z
            45,A2,2025-05-01T09:00:00Z
            90.5,A2,2025-07-01T23:30:00-05:00

            """)
        let data = try DatasetFolder(path: folder.path)
        var events: [SessionEvent] = []
        let report = try data.forEach(SessionEvent.self) { events.append($0) }
        XCTAssertEqual(events, [
            SessionEvent(account: 0, day: CalendarDay("2026-01-10")!, durationSeconds: 600),
            SessionEvent(account: 1, day: CalendarDay("2025-07-02")!, durationSeconds: 90.5),
        ])
        XCTAssertEqual(report?.rows, 4)
        XCTAssertEqual(report?.unknownAccountRows, 1)
        XCTAssertEqual(report?.beforeStartRows, 1)
        XCTAssertEqual(report?.skippedSummary,
                       "sessions.csv: skipped 1 rows for accounts not in accounts.csv and 1 rows dated before their account started")
        XCTAssertNil(try data.forEach(NPSResponse.self) { _ in XCTFail("no nps.csv") })

        let strict = try DatasetFolder(path: folder.path, strict: true)
        XCTAssertThrowsError(try strict.forEach(SessionEvent.self) { _ in }) { error in
            let error = error as? InputError
            XCTAssertEqual(error?.rule, .unknownAccount("A9"))
            XCTAssertEqual(error?.line, 3)
            XCTAssertEqual(error?.column, "account_id")
        }
    }

    func testOutOfRangeValuesAreErrors() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accounts)
        let data = try DatasetFolder(path: folder.path)
        folder.write("nps.csv", "account_id,responded_at,score\nA1,2026-01-01,11\n")
        expectError("nps.csv line 2, column 'score': '11' is not an NPS score (expected a whole number from 0 to 10)") {
            _ = try data.forEach(NPSResponse.self) { _ in }
        }
        folder.write("interactions.csv", "account_id,occurred_at,rating,channel\nA1,2026-01-01,0,call\n")
        expectError("interactions.csv line 2, column 'rating': '0' is not a rating (expected a whole number from 1 to 5)") {
            _ = try data.forEach(InteractionRating.self) { _ in }
        }
        folder.write("sessions.csv", "account_id,started_at,duration_seconds\nA1,2026-01-01T00:00:00Z,-3\n")
        expectError("sessions.csv line 2, column 'duration_seconds': '-3' is not a session duration (seconds as a number >= 0 and at most a year, or empty when unknown)") {
            _ = try data.forEach(SessionEvent.self) { _ in }
        }
        folder.write("marketing.csv", "account_id,occurred_at,event\nA1,2026-01-01,email_sent\nA1,2026-01-02,fax\n")
        expectError("marketing.csv line 3, column 'event': 'fax' is not a marketing event (one of email_sent, email_open, email_click, webinar, case_study, social)") {
            _ = try data.forEach(MarketingEvent.self) { _ in }
        }
        folder.write("marketing.csv", "account_id,occurred_at,event\nA1,last tuesday,email_sent\n")
        expectError("marketing.csv line 2, column 'occurred_at': 'last tuesday' is not a timestamp (use ISO 8601, e.g. 2026-03-04T10:15:00Z, or a date YYYY-MM-DD)") {
            _ = try data.forEach(MarketingEvent.self) { _ in }
        }
    }

    func testLatestDayCoversEventsAndAccounts() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accounts)
        XCTAssertEqual(try DatasetFolder(path: folder.path).latestDay(), CalendarDay("2026-02-01"))
        folder.write("interactions.csv", "account_id,occurred_at,rating\nA1,2026-05-09T08:00:00Z,4\n")
        XCTAssertEqual(try DatasetFolder(path: folder.path).latestDay(), CalendarDay("2026-05-09"))
    }

    func testNumericTable() throws {
        let folder = TemporaryFolder()
        let path = folder.write("t.csv", "y,x1,x2\n1,0.5,3\n0,1.5,-2\n")
        let table = try NumericTable.read(path: path)
        XCTAssertEqual(table.names, ["y", "x1", "x2"])
        XCTAssertEqual(table.columns, [[1, 0], [0.5, 1.5], [3, -2]])
        folder.write("t.csv", "y,x1\n1,\n")
        expectError("t.csv line 2, column 'x1': the cell is empty (every cell of a fit table must be a number)") {
            _ = try NumericTable.read(path: path)
        }
    }
}
