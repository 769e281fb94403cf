import Foundation
import TestSupport
import Simulation
import XCTest
@testable import Ingest

/// Reading accounts.csv in ranges on several threads must give the table, the errors and
/// the rows set aside of one reader, wherever the ranges fall: the duplicate check, which
/// runs after the ranges are read, included.
final class AccountsReadTests: XCTestCase {
    /// An accounts file with what makes splitting and checking hard: quoted names holding
    /// commas, quotes and line breaks, CRLF and LF line ends, blank lines, a byte order mark;
    /// and, when `problems`, ids repeated far apart, rows with a bad value and an id read
    /// before (named as duplicates), and bad rows of every kind.
    private func awkwardAccounts(rows: Int, seed: UInt64, problems: Bool, lineBreaks: Bool = true) -> String {
        var random = SplitMix64(seed: seed)
        var text = "\u{FEFF}account_id,name,owner,segment,mrr,seats,started_on,churned_on\r\n"
        for row in 0..<rows {
            var id = "A\(row)"
            var started = "2025-0\(1 + random.below(9))-1\(random.below(10))"
            var mrr = random.below(5) == 0 ? "" : "\(random.below(9000)).\(random.below(100))"
            var name: String
            switch random.below(6) {
            case 0: name = lineBreaks ? "\"Two\nlines \(row)\"" : "\"Two lines \(row)\""
            case 1: name = "\"Say \"\"hi\"\", \(row)\""
            case 2: name = "Café \(row)"
            default: name = "Company \(row)"
            }
            if problems {
                switch random.below(60) {
                case 0: id = "A\(random.below(max(1, row)))"                 // repeats an earlier id
                case 1: id = "A\(random.below(max(1, row)))"; started = "soon" // repeated, and a bad date
                case 2: started = "2025-02-30"
                case 3: mrr = "-4"
                case 4: id = ""
                case 5: name = "bad \u{1}byte"
                default: break
                }
            }
            text += "\(id),\(name),Owner \(random.below(7)),smb,\(mrr),\(random.below(50)),\(started),"
            text += random.below(3) == 0 ? "\r\n" : "\n"
            if random.below(50) == 0 { text += "\n" }
        }
        return text
    }

    private enum Outcome: Equatable {
        case table([Account])
        case error(String)
    }

    private func read(_ path: String, workers: Int, partBytes: Int, rejects: RejectedRows? = nil) -> Outcome {
        do {
            let table = try AccountTable.read(path: path, rejects: rejects, workers: workers, minimumPartBytes: partBytes)
            for (position, account) in table.accounts.enumerated() {
                XCTAssertEqual(table.position(of: account.id), Int32(position), account.id)
            }
            return .table(table.accounts)
        } catch {
            return .error(String(describing: error))
        }
    }

    /// Reads `path` with each number of workers and each smallest range, expecting `expected`.
    private func assertEveryRange(_ path: String, workers: [Int], partBytes: [Int], give expected: Outcome,
                                  line: UInt = #line) {
        for workers in workers {
            for partBytes in partBytes {
                XCTAssertEqual(read(path, workers: workers, partBytes: partBytes), expected,
                               "\(workers) workers, ranges of \(partBytes) bytes", line: line)
            }
        }
    }

    /// The folders of `awkwardFile`, kept until the test ends.
    private var folders: [TemporaryFolder] = []

    /// The path of an `awkwardAccounts` file, and what one reader gives for it.
    private func awkwardFile(rows: Int, seed: UInt64, problems: Bool,
                             lineBreaks: Bool = true) -> (path: String, oneReader: Outcome) {
        let folder = TemporaryFolder()
        folders.append(folder)
        folder.write("accounts.csv", awkwardAccounts(rows: rows, seed: seed, problems: problems, lineBreaks: lineBreaks))
        let path = folder.path + "/accounts.csv"
        return (path, read(path, workers: 1, partBytes: 1 << 20))
    }

    /// The path of a file of "café" (composed) on line 2, a thousand other ids, and "café"
    /// (decomposed, equal as a string) starting on `started` on line 1,003.
    private func cafeFile(started: String) -> String {
        let folder = TemporaryFolder()
        folders.append(folder)
        var lines = ["account_id,started_on", "caf\u{E9},2025-01-01"]
        for row in 0..<1_000 { lines.append("A\(row),2025-01-01") }
        lines.append("cafe\u{301},\(started)")
        folder.write("accounts.csv", lines.joined(separator: "\n") + "\n")
        return folder.path + "/accounts.csv"
    }

    func testRangesGiveTheTableOfOneReader() {
        let (path, expected) = awkwardFile(rows: 3_000, seed: 3, problems: false)
        guard case .table(let accounts) = expected else { return XCTFail("\(expected)") }
        XCTAssertEqual(accounts.count, 3_000)
        XCTAssertTrue(accounts.contains { $0.name.contains("\n") })
        assertEveryRange(path, workers: [2, 3, 8], partBytes: [1, 100, 5_000, 50_000], give: expected)
    }

    /// The errors of a file with bad rows everywhere, duplicates across ranges among them:
    /// the first 20 in file order and how many more, whatever the ranges.
    func testRangesGiveTheErrorsOfOneReader() {
        let (path, expected) = awkwardFile(rows: 3_000, seed: 4, problems: true)
        guard case .error(let message) = expected else { return XCTFail("no error") }
        XCTAssertTrue(message.contains("duplicate account id"), message)
        XCTAssertTrue(message.contains("and ") && message.contains(" more"), message)
        assertEveryRange(path, workers: [2, 4], partBytes: [1, 700, 30_000], give: expected)
    }

    /// Rows set aside: every bad row with its reason and fields as read, duplicates too,
    /// and the same accounts kept, whatever the ranges.
    func testRangesSetAsideTheRowsOfOneReader() {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", awkwardAccounts(rows: 2_000, seed: 5, problems: true))
        let path = folder.path + "/accounts.csv"
        let expectedRejects = RejectedRows()
        let expected = read(path, workers: 1, partBytes: 1 << 20, rejects: expectedRejects)
        guard case .table(let accounts) = expected else { return XCTFail("\(expected)") }
        XCTAssertLessThan(accounts.count, 2_000)
        let duplicates = expectedRejects.all.filter { $0.reason.hasPrefix("duplicate account id") }
        XCTAssertGreaterThan(duplicates.count, 10)
        XCTAssertEqual(duplicates.first?.fields.count, 8)
        for (workers, partBytes) in [(2, 1), (3, 2_000), (8, 10_000)] {
            let rejects = RejectedRows()
            XCTAssertEqual(read(path, workers: workers, partBytes: partBytes, rejects: rejects), expected)
            XCTAssertEqual(rejects.all, expectedRejects.all, "\(workers) workers, ranges of \(partBytes) bytes")
        }
    }

    /// An id repeated in a later range names the line of the first, and a row with a bad
    /// date whose id came before is named a duplicate, as one reader names it.
    func testADuplicateInALaterRangeNamesTheFirstLine() {
        let folder = TemporaryFolder()
        var lines = ["account_id,started_on"]
        for row in 0..<2_000 { lines.append("A\(row),2025-01-01") }
        lines.append("A7,2025-01-02")
        lines.append("A8,later")
        lines.append("B1,2025-01-01")
        folder.write("accounts.csv", lines.joined(separator: "\n") + "\n")
        let expected = """
            accounts.csv line 2002, column 'account_id': duplicate account id 'A7' (first seen on line 9) (each account must appear once)
            accounts.csv line 2003, column 'account_id': duplicate account id 'A8' (first seen on line 10) (each account must appear once)
            """
        assertEveryRange(folder.path + "/accounts.csv", workers: [1, 2, 4], partBytes: [1, 1_000],
                         give: .error(expected))
    }

    /// Ids equal as strings but not as bytes ("é" composed and decomposed) are duplicates
    /// across ranges too.
    func testUnicodeIdsAreCheckedAsStringsAcrossRanges() {
        let path = cafeFile(started: "2025-01-01")
        let expected = """
            accounts.csv line 1003, column 'account_id': duplicate account id 'cafe\u{301}' (first seen on line 2) (each account must appear once)
            """
        assertEveryRange(path, workers: [1, 2, 3], partBytes: [1, 500], give: .error(expected))
    }

    /// Without quoted line breaks every range starts at a record: many ranges, same table.
    func testManySmallRanges() {
        let (path, expected) = awkwardFile(rows: 1_000, seed: 6, problems: false, lineBreaks: false)
        XCTAssertEqual(read(path, workers: 16, partBytes: 100), expected)
    }

    /// More than 20 problems, a duplicate among the ones not shown: the first 20 in file
    /// order, and how many more, duplicates counted.
    func testTheFirstTwentyProblemsAndHowManyMore() {
        let folder = TemporaryFolder()
        var lines = ["account_id,started_on", "A1,2025-01-01"]
        for row in 0..<2_000 { lines.append(row % 80 == 0 ? ",2025-01-01" : "B\(row),2025-01-01") }
        lines.append("A1,2025-01-02")
        folder.write("accounts.csv", lines.joined(separator: "\n") + "\n")
        // Rows 0, 80, ... 1,920 of the loop have no id: 25 of them, on lines 3, 83, ... 1,923.
        let shown = (0..<20).map { "accounts.csv line \(3 + 80 * $0), column 'account_id': the account id is empty" }
        let expected = (shown + ["... and 6 more"]).joined(separator: "\n")
        assertEveryRange(folder.path + "/accounts.csv", workers: [1, 2, 4], partBytes: [1, 3_000],
                         give: .error(expected))
    }

    /// A problem of the file itself (a quote never closed) ends the read with that problem
    /// alone, whatever rows before it had, as one reader ends it; with rows set aside too.
    func testAProblemOfTheFileEndsTheReadAlone() {
        let folder = TemporaryFolder()
        var lines = ["account_id,name,started_on"]
        for row in 0..<1_000 { lines.append(row % 10 == 0 ? "B\(row),x,never" : "B\(row),x,2025-01-01") }
        lines.append("B9,\"unclosed,2025-01-01")
        folder.write("accounts.csv", lines.joined(separator: "\n") + "\n")
        let expected = "accounts.csv line 1002: a quoted field is never closed "
            + "(every opening \" needs a closing \"; a quote inside a field is written \"\")"
        let path = folder.path + "/accounts.csv"
        assertEveryRange(path, workers: [1, 2, 3], partBytes: [1, 2_000], give: .error(expected))
        XCTAssertEqual(read(path, workers: 2, partBytes: 1, rejects: RejectedRows()), .error(expected))
    }

    /// Ids longer than the index's 16-byte keys, repeated across ranges.
    func testLongIdsAcrossRanges() {
        let folder = TemporaryFolder()
        var lines = ["account_id,started_on"]
        for row in 0..<2_000 { lines.append("customer-account-\(100_000 + row),2025-01-01") }
        lines.append("customer-account-100007,2025-01-02")
        folder.write("accounts.csv", lines.joined(separator: "\n") + "\n")
        let path = folder.path + "/accounts.csv"
        let expected = "accounts.csv line 2002, column 'account_id': duplicate account id 'customer-account-100007' "
            + "(first seen on line 9) (each account must appear once)"
        assertEveryRange(path, workers: [1, 2, 4], partBytes: [1, 5_000], give: .error(expected))
        // Set aside, the duplicate goes with its fields, and every other id is found.
        let rejects = RejectedRows()
        guard case .table(let accounts) = read(path, workers: 2, partBytes: 1, rejects: rejects) else {
            return XCTFail("no table")
        }
        XCTAssertEqual(accounts.count, 2_000)
        XCTAssertEqual(rejects.all.map(\.fields), [["customer-account-100007", "2025-01-02"]])
    }

    /// Ids equal as strings set aside across ranges, with their fields as read.
    func testUnicodeDuplicatesSetAsideAcrossRanges() {
        let path = cafeFile(started: "2025-01-03")
        for (workers, partBytes) in [(1, 1 << 20), (2, 1), (3, 500)] {
            let rejects = RejectedRows()
            guard case .table(let accounts) = read(path, workers: workers, partBytes: partBytes, rejects: rejects) else {
                return XCTFail("no table")
            }
            XCTAssertEqual(accounts.count, 1_001)
            XCTAssertEqual(rejects.all.map(\.line), [1003])
            XCTAssertEqual(rejects.all.first?.fields, ["cafe\u{301}", "2025-01-03"])
        }
    }

    /// A header and nothing else: no accounts, whatever the ranges.
    func testAHeaderAlone() {
        let folder = TemporaryFolder()
        folder.write("accounts.csv", "account_id,started_on\n")
        assertEveryRange(folder.path + "/accounts.csv", workers: [1, 2, 4], partBytes: [1], give: .table([]))
    }
}
