import Foundation
import TestSupport
import XCTest
@testable import Ingest

final class CSVReaderTests: XCTestCase {
    private func records(_ text: String) throws -> [[String]] {
        try records(bytes: Array(text.utf8))
    }

    private func records(bytes: [UInt8]) throws -> [[String]] {
        let folder = TemporaryFolder()
        let reader = try CSVReader(path: folder.write("t.csv", bytes: bytes))
        var result: [[String]] = []
        while let record = try reader.nextRecord() {
            result.append((0..<record.count).map { record.string($0) })
        }
        return result
    }

    func testQuotingSeparatorsAndEscapes() throws {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n,,\n"
        XCTAssertEqual(try records(text), [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["", "", ""]])
    }

    func testBOMCRLFAndBlankLines() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,v\r\n\r\n1,2\r\n3,\"4\"\r\n\n".utf8)
        XCTAssertEqual(try records(bytes: bytes), [["id", "v"], ["1", "2"], ["3", "4"]])
    }

    func testLastRecordWithoutLineEnd() throws {
        XCTAssertEqual(try records("a,b\n1,\"2\""), [["a", "b"], ["1", "2"]])
        XCTAssertEqual(try records("a,b\n1,2"), [["a", "b"], ["1", "2"]])
    }

    func testQuotedEmptyFieldIsNotABlankLine() throws {
        XCTAssertEqual(try records("a\n\"\"\n"), [["a"], [""]])
    }

    /// Records cut by the 1 MiB buffer end must come out whole, escapes included:
    /// 60,000 records of ~40 bytes cross the boundary at every possible offset class.
    func testRecordsAcrossBufferBoundaries() throws {
        var text = "id,name,note\n"
        var expected: [[String]] = [["id", "name", "note"]]
        for i in 0..<60_000 {
            let name = "Acme \"\(i)\", Inc"
            let note = i % 7 == 0 ? "line\nbreak" : "plain"
            text += "\(i),\"Acme \"\"\(i)\"\", Inc\",\"\(note)\"\r\n"
            expected.append([String(i), name, note])
        }
        XCTAssertGreaterThan(text.utf8.count, CSVReader.chunkSize)
        XCTAssertEqual(try records(text), expected)
    }

    /// A record up to the limit is read wherever it falls in the buffer; a longer one is
    /// an error at its line (so an endless line cannot grow the buffer without bound).
    func testRecordsUpToTheLimitAndNotBeyond() throws {
        let big = String(repeating: "x", count: CSVReader.maximumRecordBytes - 100)
        XCTAssertEqual(try records("a,b\n1,\"\(big)\"\n2,y\n"), [["a", "b"], ["1", big], ["2", "y"]])
        let huge = String(repeating: "x", count: 3 * CSVReader.chunkSize)
        XCTAssertThrowsError(try records("a,b\n1,\"\(huge)\"\n2,y\n")) { error in
            XCTAssertEqual((error as? InputError)?.line, 2)
        }
    }

    func testLineNumbersCountEmbeddedLineBreaks() throws {
        let folder = TemporaryFolder()
        let reader = try CSVReader(path: folder.write("t.csv", "h\n\"a\nb\"\nc\n"))
        var lines: [Int] = []
        while let record = try reader.nextRecord() { lines.append(record.line) }
        XCTAssertEqual(lines, [1, 2, 4])
    }

    func testUnterminatedQuoteNamesItsLine() {
        XCTAssertThrowsError(try records("a,b\n1,2\n3,\"open\n4,5\n")) { error in
            let error = error as! InputError
            XCTAssertEqual(error.line, 3)
            XCTAssertTrue(error.description.hasPrefix("t.csv line 3: a quoted field is never closed"), error.description)
        }
    }

    func testTextAfterClosingQuoteIsAnError() {
        XCTAssertThrowsError(try records("a,b\n\"x\"y,2\n")) { error in
            XCTAssertEqual((error as! InputError).line, 2)
        }
    }

    func testMissingFileIsAnError() {
        XCTAssertThrowsError(try CSVReader(path: "/nonexistent/x.csv")) { error in
            XCTAssertTrue((error as! InputError).description.hasPrefix("x.csv: cannot be opened"))
        }
    }
}

final class FieldParsingTests: XCTestCase {
    private func parse<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { body(UnsafeBufferPointer($0)) }
    }

    func testIntegers() {
        XCTAssertEqual(parse(" 42 ", FieldParsing.integer), 42)
        XCTAssertEqual(parse("-7", FieldParsing.integer), -7)
        XCTAssertNil(parse("3.0", FieldParsing.integer))
        XCTAssertNil(parse("", FieldParsing.integer))
        XCTAssertNil(parse("-", FieldParsing.integer))
        XCTAssertNil(parse("1x", FieldParsing.integer))
    }

    func testDecimalsMatchTheCorrectlyRoundedValue() {
        for text in ["0.1", "123.45", "-0.5", "1e3", "2.5E-3", "99999999999999.9", "0.30000000000000004", "+8", "1234567890123456789"] {
            XCTAssertEqual(parse(text, FieldParsing.decimal), Double(text.hasPrefix("+") ? String(text.dropFirst()) : text), text)
        }
        XCTAssertNil(parse("abc", FieldParsing.decimal))
        XCTAssertNil(parse("1.2.3", FieldParsing.decimal))
        XCTAssertNil(parse("", FieldParsing.decimal))
        XCTAssertNil(parse("inf", FieldParsing.decimal))
        XCTAssertNil(parse("nan", FieldParsing.decimal))
        XCTAssertNil(parse("$12", FieldParsing.decimal))
    }
}
