import Foundation
import PropertyBased
import Testing
import TestSupport
@testable import Exports
@testable import Ingest

/// The CSV reader faces whatever a CRM exports: it must never crash or hang, must name a
/// line when it refuses input, and must give back exactly what a correct writer wrote.
@Suite struct CSVReaderProperties {
    /// Characters that stress the format: separators, quotes, both line ends, a BOM-like
    /// character, multi-byte text and plain letters.
    static let pieces = ["a", "b", "7", " ", ",", "\"", "\n", "\r\n", "\r", "é", "日本", "\u{FEFF}", "=", "-", "'"]
    static let field = Gen.element(of: pieces).compactMap { $0 }.array(of: 0...6).map { $0.joined() }
    static let table = field.array(of: 1...4).array(of: 1...8)

    /// Reads every record of a byte string, or the error it raises.
    static func read(_ bytes: [UInt8]) -> Result<[[String]], InputError> {
        let folder = TemporaryFolder()
        let path = folder.write("fuzz.csv", bytes: bytes)
        do {
            let reader = try CSVReader(path: path)
            var rows: [[String]] = []
            while let record = try reader.nextRecord() { rows.append((0..<record.count).map { record.string($0) }) }
            return .success(rows)
        } catch {
            return .failure(error)
        }
    }

    @Test func arbitraryBytesNeverCrashAndErrorsNameALine() async {
        let bytes = Gen.int(in: 0...255).array(of: 0...300).map { $0.map(UInt8.init) }
        await propertyCheck(count: 400, input: bytes) { input in
            if case .failure(let error) = CSVReaderProperties.read(input) {
                #expect(error.line.map { $0 >= 1 } ?? false, "\(error)")
                #expect(!error.description.contains("\n"), "errors are one line")
            }
        }
    }

    /// An RFC 4180 writer kept deliberately simple and separate from the product's own.
    static func write(_ rows: [[String]], lineEnd: String, bom: Bool) -> [UInt8] {
        var text = ""
        for row in rows {
            let cells = row.map { cell -> String in
                let special = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
                return special || (row.count == 1 && cell.isEmpty) ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }
            text += cells.joined(separator: ",") + lineEnd
        }
        return (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }

    @Test func tablesRoundTripWithEitherLineEndAndABOM() async {
        await propertyCheck(count: 400, input: CSVReaderProperties.table, Gen.bool, Gen.bool) { rows, crlf, bom in
            // A file whose first character is U+FEFF reads as a byte-order mark; only a
            // real mark in front keeps such a first cell intact.
            let bom = bom || rows[0][0].hasPrefix("\u{FEFF}")
            let bytes = CSVReaderProperties.write(rows, lineEnd: crlf ? "\r\n" : "\n", bom: bom)
            #expect((try? CSVReaderProperties.read(bytes).get()) == rows)
        }
    }

    /// What `score` and `risks` write, neutralised for spreadsheets, reads back unchanged.
    @Test func exportedTextRoundTrips() async {
        await propertyCheck(count: 400, input: CSVReaderProperties.table) { body in
            // Exports start with a header row, as the product's do.
            let rows = [["account_id", "name"]] + body
            var line = CSVLine()
            for row in rows {
                for cell in row { line.text(cell) }
                line.endRow()
            }
            let back = (try? CSVReaderProperties.read(line.bytes).get())?.map { $0.map(CSVLine.restored) }
            // A row of one empty cell is a blank line, which readers skip.
            #expect(back == rows.filter { $0 != [""] })
        }
    }

    @Test func exportedTextNeverStartsAFormula() async {
        await propertyCheck(count: 400, input: CSVReaderProperties.field) { cell in
            var line = CSVLine()
            line.text(cell)
            let first = line.bytes.first == UInt8(ascii: "\"") ? line.bytes.dropFirst().first : line.bytes.first
            #expect(![UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13].contains(first))
        }
    }
}
