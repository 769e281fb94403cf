import TestSupport
import XCTest
@testable import Ingest

/// What the reader does with bytes, dates, files and exports that are not what it expects.
final class HostileReadingTests: XCTestCase {
    func bytes(_ values: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> String?) -> String? {
        values.withUnsafeBufferPointer(body)
    }

    func testIdsAndHeadersMustBeCleanUTF8() {
        XCTAssertNil(bytes(Array("A-001 Müller".utf8), InputHygiene.problem(inBytes:)))
        XCTAssertEqual(bytes([0x41, 0x00, 0x42], InputHygiene.problem(inBytes:)), "holds a NUL byte (U+0000) at byte 2")
        XCTAssertEqual(bytes([0x41, 0x1B], InputHygiene.problem(inBytes:)), "holds a control character (U+001B) at byte 2")
        XCTAssertEqual(bytes([0x41, 0x7F], InputHygiene.problem(inBytes:)), "holds a control character (U+007F) at byte 2")
        XCTAssertEqual(bytes([0x41, 0xC2, 0x85], InputHygiene.problem(inBytes:)), "holds a control character (U+0085) at byte 2")
        XCTAssertEqual(bytes([0x41, 0xFF], InputHygiene.problem(inBytes:)),
                       "byte 2 is not valid UTF-8 (0xFF); save the export as UTF-8")
        // Overlong forms, surrogates and truncated sequences are invalid too.
        XCTAssertNotNil(bytes([0xC0, 0x80], InputHygiene.problem(inBytes:)))
        XCTAssertNotNil(bytes([0xED, 0xA0, 0x80], InputHygiene.problem(inBytes:)))
        XCTAssertNotNil(bytes([0xE2, 0x82], InputHygiene.problem(inBytes:)))
        XCTAssertNil(bytes(Array("日本🙂".utf8), InputHygiene.problem(inBytes:)))
    }

    func testDatesOutsideTheBoundsAreNamed() throws {
        XCTAssertEqual(DateBounds.problem(CalendarDay("1969-12-31")!), "1969-12-31 is before 1970-01-01")
        XCTAssertNil(DateBounds.problem(CalendarDay("1970-01-01")!))
        XCTAssertNotNil(DateBounds.problem(CalendarDay("2099-01-01")!))
        XCTAssertNil(DateBounds.problem(DateBounds.latest))
        XCTAssertNotNil(DateBounds.problem(DateBounds.latest.adding(days: 1)))

        let folder = TemporaryFolder()
        folder.write("accounts.csv", "account_id,started_on,churned_on\nA1,2025-01-01,2099-12-31\n")
        XCTAssertThrowsError(try DatasetFolder(path: folder.path)) { error in
            let error = error as! InputError
            XCTAssertEqual(error.line, 2)
            XCTAssertEqual(error.column, "churned_on")
        }
    }

    func testDayArithmeticSaturatesInsteadOfTrapping() {
        let day = CalendarDay("2026-03-31")!
        XCTAssertEqual(day.adding(days: Int.max), .latest)
        XCTAssertEqual(day.adding(days: Int.min), .earliest)
        XCTAssertEqual(day.adding(days: 4_000_000_000), .latest)
        XCTAssertEqual(day.adding(months: Int.max), .latest)
        XCTAssertEqual(day.adding(months: Int.min), .earliest)
        XCTAssertEqual(day.adding(months: -9_223_372_036_854_775_807), .earliest)
        XCTAssertEqual(CalendarDay.latest.adding(days: 1), .latest)
        XCTAssertEqual(CalendarDay(unixSeconds: .max), .latest)
        XCTAssertEqual(CalendarDay(unixSeconds: .min), .earliest)
        XCTAssertEqual(CalendarDay(unixSeconds: -1), CalendarDay("1969-12-31"))
        XCTAssertEqual(CalendarDay(unixSeconds: -86_400), CalendarDay("1969-12-31"))
        XCTAssertNil(CalendarDay(year: Int.max, month: 1, day: 1))
        _ = CalendarDay.latest.description
        _ = CalendarDay.earliest.monthEndOnOrBefore.adding(months: -1)
    }

    func testARecordLongerThanTheLimitEndsTheRead() {
        let folder = TemporaryFolder()
        var text = Array("a,b\n1,2\n".utf8)
        text += [UInt8](repeating: UInt8(ascii: "z"), count: CSVReader.maximumRecordBytes + 10)
        let path = folder.write("long.csv", bytes: text)
        XCTAssertThrowsError(try { let reader = try CSVReader(path: path); while try reader.nextRecord() != nil {} }()) { error in
            let error = error as! InputError
            XCTAssertEqual(error.line, 3)
            XCTAssertTrue(error.problem.hasPrefix("a record longer than 1 MiB"), error.description)
        }
        // An unclosed quote runs into the same limit rather than to the end of memory.
        let quote = folder.write("quote.csv", bytes: Array("a,b\n\"1,".utf8) + [UInt8](repeating: 10, count: 3 << 20))
        XCTAssertThrowsError(try { let reader = try CSVReader(path: quote); while try reader.nextRecord() != nil {} }())
    }

    func testOnlyRegularFilesAreRead() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", "account_id,started_on\nA1,2025-01-01\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/sessions.csv", withDestinationPath: "/nonexistent/x.csv")
        XCTAssertThrowsError(try DatasetFolder(path: folder.path)) { error in
            XCTAssertEqual((error as! InputError).problem, "is a link to '/nonexistent/x.csv', which does not exist")
        }
        try FileManager.default.removeItem(atPath: folder.path + "/sessions.csv")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/sessions.csv", withDestinationPath: "/dev/null")
        XCTAssertThrowsError(try DatasetFolder(path: folder.path)) { error in
            XCTAssertTrue((error as! InputError).problem.hasPrefix("is not a regular file"))
        }
        XCTAssertThrowsError(try CSVReader(path: "/dev/zero"))
    }

    func testProblemsAreCollectedTwentyAtATime() throws {
        let folder = TemporaryFolder()
        var text = "account_id,started_on,mrr\n"
        for index in 1...30 { text += "A\(index),2025-01-01,\(index % 3 == 0 ? "x" : "1")\n" }
        text += "A1,2025-01-01,1\n"
        folder.write("accounts.csv", text)
        XCTAssertThrowsError(try DatasetFolder(path: folder.path)) { error in
            let error = error as! InputError
            XCTAssertEqual(error.line, 4)
            XCTAssertEqual(error.problemCount, 11)   // ten bad amounts and a duplicate
            XCTAssertEqual(error.others.count, 10)
            XCTAssertEqual(error.notShown, 0)
            XCTAssertTrue(error.others.last!.problem.hasPrefix("duplicate account id 'A1'"))
        }
        var log = ProblemLog()
        for line in 1...25 { log.add(InputError(file: "f.csv", line: line, problem: "bad")) }
        XCTAssertEqual(log.error!.others.count, 19)
        XCTAssertEqual(log.error!.notShown, 5)
        XCTAssertEqual(log.error!.lines.last, "... and 5 more")
    }

    func testRejectedRowsAreSetAsideAndTheRestRead() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", "account_id,started_on\nA1,2025-01-01\nA2,someday\nA3,2025-02-01\n")
        folder.write("nps.csv", "account_id,responded_at,score\nA1,2025-03-01,9\nA1,2025-03-02,11\nA2,2025-03-02,5\n")
        let rejects = RejectedRows()
        var dataset = try DatasetFolder(path: folder.path, rejects: rejects)
        dataset.workers = 1
        XCTAssertEqual(dataset.accounts.count, 2)
        var scores: [Int] = []
        let report = try dataset.forEach(NPSResponse.self) { scores.append($0.score) }
        XCTAssertEqual(scores, [9])
        XCTAssertEqual(report?.unknownAccountRows, 1)   // A2 was set aside
        XCTAssertEqual(rejects.all.map { "\($0.file):\($0.line):\($0.column ?? "")" },
                       ["accounts.csv:3:started_on", "nps.csv:3:score"])
        XCTAssertEqual(rejects.all[1].fields, ["A1", "2025-03-02", "11"])
        // Read again, a row is set aside once.
        _ = try dataset.forEach(NPSResponse.self) { _ in }
        XCTAssertEqual(rejects.count, 2)
    }

    /// A row set aside does not keep its id: a later row of that id is read, and one after
    /// that is its duplicate, named by the line of the row that was read.
    func testAnIdOfARowSetAsideIsFreeAgain() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", "account_id,started_on\nA1,2025-01-01\nA2,someday\nA2,2025-02-01\nA2,2025-03-01\n")
        let rejects = RejectedRows()
        let dataset = try DatasetFolder(path: folder.path, rejects: rejects)
        XCTAssertEqual(dataset.accounts.accounts.map(\.id), ["A1", "A2"])
        XCTAssertEqual(dataset.accounts.accounts[1].startedOn, CalendarDay("2025-02-01"))
        XCTAssertEqual(dataset.accounts.position(of: "A2"), 1)
        XCTAssertEqual(rejects.all.map { "\($0.line):\($0.column ?? ""):\($0.reason)" },
                       ["3:started_on:'someday' is not a date",
                        "5:account_id:duplicate account id 'A2' (first seen on line 4)"])
    }

    func testBlankSessionLengthIsMissingNotAnError() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", "account_id,started_on\nA1,2025-01-01\n")
        folder.write("sessions.csv", "account_id,started_at,duration_seconds\nA1,2025-03-01,\nA1,2025-03-02, \nA1,2025-03-03,60\n")
        var lengths: [Double] = []
        _ = try DatasetFolder(path: folder.path).forEach(SessionEvent.self) { lengths.append($0.durationSeconds) }
        XCTAssertEqual(lengths.count, 3)
        XCTAssertTrue(lengths[0].isNaN && lengths[1].isNaN)
        XCTAssertEqual(lengths[2], 60)
    }

    // MARK: - Mappings

    func day(_ format: DateFormat, _ text: String) -> CalendarDay? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { format.day(UnsafeBufferPointer($0)) }
    }

    func testDateFormats() {
        let us = DateFormat("MM/DD/YYYY")!
        XCTAssertEqual(day(us, "03/31/2026"), CalendarDay("2026-03-31"))
        XCTAssertEqual(day(us, "3/1/2026"), CalendarDay("2026-03-01"))
        XCTAssertEqual(day(us, " 12/31/2025 23:59:59 "), CalendarDay("2025-12-31"))
        XCTAssertNil(day(us, "31/03/2026"))
        XCTAssertNil(day(us, "2026-03-31"))
        XCTAssertNil(day(us, "03/31/26"))
        XCTAssertEqual(day(DateFormat("DD.MM.YY")!, "31.03.26"), CalendarDay("2026-03-31"))
        XCTAssertEqual(day(DateFormat("DD.MM.YY")!, "31.03.99"), CalendarDay("1999-03-31"))
        XCTAssertEqual(day(.unixMilliseconds, "1774915200000"), CalendarDay("2026-03-31"))
        XCTAssertEqual(day(.unixMilliseconds, "1774915199999"), CalendarDay("2026-03-30"))
        XCTAssertEqual(day(.unixSeconds, "1774915200.75"), CalendarDay("2026-03-31"))
        XCTAssertEqual(day(.unixSeconds, "-1"), CalendarDay("1969-12-31"))
        XCTAssertNil(day(.unixSeconds, "99999999999999999999999"))
        XCTAssertNil(day(.unixSeconds, "12a"))
        XCTAssertNil(DateFormat("MM/YYYY"))
        XCTAssertNil(DateFormat("YYY-MM-DD"))
        XCTAssertNil(DateFormat("2026-MM-DD"))
        XCTAssertEqual(DateFormat("unix_ms"), .unixMilliseconds)
    }

    func testAMappedExportReadsLikeTheInputFormat() throws {
        let folder = TemporaryFolder()
        folder.write("crm.csv", "Account ID,Signup Date,Cancel Date,account_id\nA1,01/15/2025,,junk\nA2,02/01/2025,03/02/2026,junk\n")
        folder.write("product.csv", "user_id,account,timestamp_ms,session_length_min\nu,A1,1774915200000,1.5\nu,A2,1774915200000,\n")
        folder.write("marketing.csv", "account_id,occurred_at,event\nA1,2026-03-01,Email Opened\nA1,2026-03-01,webinar\n")
        var mapping = DatasetMapping()
        mapping.accounts = FileMapping(fileName: "crm.csv", columns: ["account_id": "Account ID", "started_on": "Signup Date",
                                                                     "churned_on": "cancel date"],
                                       dateFormat: DateFormat("MM/DD/YYYY"))
        mapping.events[.sessions] = FileMapping(fileName: "product.csv",
                                                columns: ["account_id": "account", "started_at": "timestamp_ms",
                                                          "duration_seconds": "session_length_min"],
                                                dateFormat: .unixMilliseconds, durationUnit: .minutes)
        mapping.events[.marketing] = FileMapping(eventNames: ["email opened": .emailOpen])
        let dataset = try DatasetFolder(path: folder.path, mapping: mapping)
        XCTAssertEqual(dataset.accounts.accounts.map(\.id), ["A1", "A2"])
        XCTAssertEqual(dataset.accounts.accounts[1].churnedOn, CalendarDay("2026-03-02"))
        var sessions: [SessionEvent] = []
        _ = try dataset.forEach(SessionEvent.self) { sessions.append($0) }
        XCTAssertEqual(sessions.first, SessionEvent(account: 0, day: CalendarDay("2026-03-31")!, durationSeconds: 90))
        XCTAssertTrue(sessions[1].durationSeconds.isNaN)
        var kinds: [MarketingEventKind] = []
        _ = try dataset.forEach(MarketingEvent.self) { kinds.append($0.kind) }
        XCTAssertEqual(kinds, [.emailOpen, .webinar])

        // Errors name the export's file and columns.
        folder.write("product.csv", "user_id,account,timestamp_ms,session_length_min\nu,A1,1774915200000,-2\n")
        XCTAssertThrowsError(try dataset.forEach(SessionEvent.self) { _ in }) { error in
            XCTAssertEqual(String(describing: error),
                           "product.csv line 2, column 'session_length_min': '-2' is not a session duration (minutes as a number >= 0 and at most a year, or empty when unknown)")
        }
        folder.write("product.csv", "user_id,account,when,session_length_min\n")
        XCTAssertThrowsError(try dataset.forEach(SessionEvent.self) { _ in }) { error in
            let error = error as! InputError
            XCTAssertEqual(error.column, "timestamp_ms")
            XCTAssertTrue(error.problem.contains("the mapping's name for started_at"), error.description)
        }
    }
}

extension HostileReadingTests {
    /// Amounts no export really holds are errors, not numbers that overflow a format later
    /// (the fuzzer found a model whose typical seat count overflowed; an MRR of 1e300 did
    /// the same in the summary line).
    func testImplausibleAmountsAndLengthsAreErrors() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", "account_id,started_on,mrr,seats\nA1,2025-01-01,1e300,\nA2,2025-01-01,,2000000000\n")
        XCTAssertThrowsError(try DatasetFolder(path: folder.path)) { error in
            let error = error as! InputError
            XCTAssertEqual(error.column, "mrr")
            XCTAssertEqual(error.others.first?.column, "seats")
        }
        folder.write("accounts.csv", "account_id,started_on\nA1,2025-01-01\n")
        folder.write("sessions.csv", "account_id,started_at,duration_seconds\nA1,2025-03-01,1e300\nA1,2025-03-01,31536000\n")
        XCTAssertThrowsError(try DatasetFolder(path: folder.path).forEach(SessionEvent.self) { _ in }) { error in
            XCTAssertEqual((error as! InputError).line, 2)
            XCTAssertEqual((error as! InputError).problemCount, 1)
        }
    }
}

extension HostileReadingTests {
    func testAFitTableWithTooManyColumnsIsRefused() {
        let folder = TemporaryFolder()
        let header = (0...NumericTable.maximumColumns).map { "c\($0)" }.joined(separator: ",")
        let path = folder.write("wide.csv", header + "\n")
        XCTAssertThrowsError(try NumericTable.read(path: path)) { error in
            XCTAssertEqual((error as! InputError).line, 1)
        }
    }
}
