import Foundation
import TestSupport
import Simulation
import XCTest
@testable import Ingest

/// Reading a file in parts must hand over exactly the events, counts and first error of
/// reading it whole, whatever the number of parts and wherever their boundaries fall.
final class PartitionedReadTests: XCTestCase {
    let accounts = """
        account_id,started_on
        A1,2025-01-01
        A2,2025-01-01
        "A,3",2025-01-01
        A4,2026-01-01

        """

    /// Every event of sessions.csv in file order, read in parts and the parts concatenated.
    private func eventsInParts(_ folder: TemporaryFolder, workers: Int, partBytes: Int,
                               strict: Bool = false) throws -> (events: [SessionEvent], parts: Int, planned: Int, report: EventFileReport) {
        var data = try DatasetFolder(path: folder.path, strict: strict)
        data.workers = workers
        data.minimumPartBytes = partBytes
        guard let read = try data.read(SessionEvent.self, into: { [SessionEvent]() }, { $0.append(contentsOf: $1) }) else {
            throw InputError(file: "sessions.csv", problem: "missing")
        }
        return (read.parts.flatMap { $0 }, read.parts.count, read.partsPlanned, read.report)
    }

    private func eventsInOrder(_ folder: TemporaryFolder, strict: Bool = false) throws -> ([SessionEvent], EventFileReport) {
        var events: [SessionEvent] = []
        guard let report = try DatasetFolder(path: folder.path, strict: strict).forEach(SessionEvent.self, { events.append($0) }) else {
            throw InputError(file: "sessions.csv", problem: "missing")
        }
        return (events, report)
    }

    /// A sessions file with what makes splitting hard: quoted fields holding commas, quotes
    /// and line breaks, CRLF and LF line ends, blank lines, unknown accounts and rows
    /// before an account's start; rows of different accounts interleaved.
    private func awkwardSessions(rows: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        var text = "\u{FEFF}account_id,started_at,duration_seconds,user_id\r\n"
        for row in 0..<rows {
            let account = ["A1", "A2", "\"A,3\"", "A4", "A9"][random.below(5)]
            let day = 1 + random.below(28)
            let user: String
            switch random.below(6) {
            case 0: user = "\"line\nbreak \(row)\""
            case 1: user = "\"say \"\"hi\"\" \(row)\""
            case 2: user = "\"\""
            default: user = "U\(row)"
            }
            let seconds = random.below(4) == 0 ? "\(random.below(5000)).5" : "\(random.below(5000))"
            text += "\(account),2025-12-\(day < 10 ? "0" : "")\(day)T10:00:00Z,\(seconds),\(user)"
            text += random.below(3) == 0 ? "\r\n" : "\n"
            if random.below(40) == 0 { text += "\n" }
        }
        return text
    }

    func testPartsGiveTheEventsOfOneReader() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accounts)
        folder.write("sessions.csv", awkwardSessions(rows: 3_000, seed: 1))
        let (expected, expectedReport) = try eventsInOrder(folder)
        XCTAssertGreaterThan(expected.count, 1_000)
        XCTAssertGreaterThan(expectedReport.unknownAccountRows, 0)
        XCTAssertGreaterThan(expectedReport.beforeStartRows, 0)
        var fellBack = 0, split = 0
        for workers in [1, 2, 3, 7] {
            for partBytes in [1, 97, 1_000, 20_000, 1 << 20] {
                let read = try eventsInParts(folder, workers: workers, partBytes: partBytes)
                XCTAssertEqual(read.events, expected, "\(workers) workers, parts of \(partBytes) bytes")
                XCTAssertEqual(read.report, expectedReport)
                if read.parts < read.planned { fellBack += 1 }
                if read.parts > 1 { split += 1 }
            }
        }
        // Both paths were taken: some splits started inside a quoted line break and fell
        // back to one part, others read in several parts.
        XCTAssertGreaterThan(fellBack, 0)
        XCTAssertGreaterThan(split, 0)
    }

    /// Without quoted line breaks every split holds: many parts, and still the same events.
    func testManySmallPartsWithoutQuotedLineBreaks() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accounts)
        folder.write("sessions.csv", awkwardSessions(rows: 2_000, seed: 2).replacingOccurrences(of: "line\nbreak", with: "line break"))
        let (expected, _) = try eventsInOrder(folder)
        let read = try eventsInParts(folder, workers: 16, partBytes: 100)
        XCTAssertEqual(read.parts, 16)
        XCTAssertEqual(read.events, expected)
    }

    /// Two bad rows, the later one in a later part: both are reported, in file order, each
    /// with its physical line (quoted line breaks included), as one reader reports them.
    func testEveryErrorInTheFileKeepsItsLineInFileOrder() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accounts)
        var lines = ["account_id,started_at,duration_seconds,user_id"]
        for row in 0..<4_000 {
            var user = "U\(row)"
            if row % 10 == 0 { user = "\"two\nlines\"" }
            let seconds = row == 2_500 ? "-5" : row == 3_900 ? "soon" : "60"
            lines.append("A1,2025-12-01T10:00:00Z,\(seconds),\(user)")
        }
        folder.write("sessions.csv", lines.joined(separator: "\n") + "\n")
        // Row 2,500 starts on physical line 2 + 2,500 + 250 (one extra line per earlier quoted break).
        // Row 3,900 starts on line 2 + 3,900 + 390.
        let expected = """
            sessions.csv line 2752, column 'duration_seconds': '-5' is not a session duration (seconds as a number >= 0 and at most a year, or empty when unknown)
            sessions.csv line 4292, column 'duration_seconds': 'soon' is not a session duration (seconds as a number >= 0 and at most a year, or empty when unknown)
            """
        XCTAssertThrowsError(try eventsInOrder(folder)) { XCTAssertEqual(String(describing: $0), expected) }
        for (workers, partBytes) in [(2, 1), (3, 1_000), (8, 5_000), (2, 1 << 20)] {
            XCTAssertThrowsError(try eventsInParts(folder, workers: workers, partBytes: partBytes)) {
                XCTAssertEqual(String(describing: $0), expected, "\(workers) workers, parts of \(partBytes) bytes")
            }
        }
    }

    /// An error late in the file, in the last of several parts, keeps its line number.
    func testLateErrorKeepsItsLineNumber() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accounts)
        var lines = ["account_id,started_at,duration_seconds"]
        for row in 0..<50_000 { lines.append("A2,2025-12-01T10:00:00Z,\(row == 49_990 ? "x" : "60")") }
        folder.write("sessions.csv", lines.joined(separator: "\r\n") + "\r\n")
        let expected = "sessions.csv line 49992, column 'duration_seconds': 'x' is not a session duration (seconds as a number >= 0 and at most a year, or empty when unknown)"
        for workers in [1, 2, 5] {
            XCTAssertThrowsError(try eventsInParts(folder, workers: workers, partBytes: 10_000)) {
                XCTAssertEqual(String(describing: $0), expected)
            }
        }
    }

    /// Strict mode's errors (unknown account, row before the start) come out the same too.
    func testStrictErrorsMatchOneReader() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accounts)
        folder.write("sessions.csv", awkwardSessions(rows: 2_000, seed: 3))
        var expected = ""
        XCTAssertThrowsError(try eventsInOrder(folder, strict: true)) { expected = String(describing: $0) }
        XCTAssertTrue(expected.hasPrefix("sessions.csv line "), expected)
        for workers in [2, 4] {
            XCTAssertThrowsError(try eventsInParts(folder, workers: workers, partBytes: 500, strict: true)) {
                XCTAssertEqual(String(describing: $0), expected)
            }
        }
    }

    /// A quote left open near the end of one part is reported from its opening line, even
    /// though the next part's reader started inside it.
    func testUnclosedQuoteInAnEarlierPart() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accounts)
        var lines = ["account_id,started_at,duration_seconds,user_id"]
        for row in 0..<2_000 { lines.append("A1,2025-12-01T10:00:00Z,60,\(row == 900 ? "\"open" : "U\(row)")") }
        folder.write("sessions.csv", lines.joined(separator: "\n") + "\n")
        let expected = "sessions.csv line 902: a quoted field is never closed (every opening \" needs a closing \"; a quote inside a field is written \"\")"
        for workers in [1, 2, 3] {
            XCTAssertThrowsError(try eventsInParts(folder, workers: workers, partBytes: 1_000)) {
                XCTAssertEqual(String(describing: $0), expected)
            }
        }
    }

    func testLastRowWithoutLineEndAndEmptyFile() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accounts)
        folder.write("sessions.csv", "account_id,started_at,duration_seconds\nA1,2025-12-01,1\nA2,2025-12-02,2")
        let read = try eventsInParts(folder, workers: 3, partBytes: 1)
        XCTAssertEqual(read.events.map(\.durationSeconds), [1, 2])
        folder.write("sessions.csv", "account_id,started_at,duration_seconds\n")
        XCTAssertEqual(try eventsInParts(folder, workers: 3, partBytes: 1).events, [])
    }

    func testProgressLine() {
        XCTAssertEqual(ReadProgress.line(file: "sessions.csv", done: 1_218_000_000, total: 2_900_000_000),
                       "sessions.csv 42% (1.2 GB of 2.9 GB)")
        XCTAssertEqual(ReadProgress.line(file: "nps.csv", done: 3_000_000, total: 9_000_000), "nps.csv 33% (3 MB of 9 MB)")
    }

    /// With every redraw let through, a read draws lines in place and clears them at the end.
    func testProgressDrawsInPlaceAndClears() throws {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", accounts)
        folder.write("sessions.csv", awkwardSessions(rows: 20_000, seed: 4))
        let drawn = Drawn()
        var data = try DatasetFolder(path: folder.path)
        data.progress = ReadProgress(interval: 0) { drawn.append($0) }
        _ = try data.forEach(SessionEvent.self) { _ in }
        let text = drawn.text
        XCTAssertTrue(text.hasPrefix("\r\u{1B}[Ksessions.csv "), text)
        XCTAssertTrue(text.contains("% ("), text)
        XCTAssertTrue(text.hasSuffix("\r\u{1B}[K"), text)
    }
}

/// What a progress meter wrote, collected across threads.
private final class Drawn: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    func append(_ text: String) { lock.withLock { parts.append(text) } }
    var text: String { lock.withLock { parts.joined() } }
}
