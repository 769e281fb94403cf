import Foundation
import Simulation
import XCTest
@testable import Exports

/// The cell writer against a plain reference: the rules of `CSVCellWriter`'s doc comment
/// written the obvious way, one character at a time.
final class CSVLineTests: XCTestCase {
    private func reference(_ text: String) -> String {
        let quoted = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        let firstAfterApostrophes = text.unicodeScalars.first { $0 != "'" }
        let neutralised = firstAfterApostrophes.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
        let body = (neutralised ? "'" : "") + (quoted ? text.replacingOccurrences(of: "\"", with: "\"\"") : text)
        return quoted ? "\"" + body + "\"" : body
    }

    private func written(_ text: String) -> String {
        var line = CSVLine()
        line.text(text)
        return String(decoding: line.bytes, as: UTF8.self)
    }

    func testTextCellsMatchTheReference() {
        let pieces = ["", "plain", "=SUM(A1)", "-5% logins", "@home", "\tindented", "a, b", "say \"hi\"", "two\nlines",
                      "café ☕", "+", "'quoted'", "''", "'=x", "\r\n", "a much longer piece of text than eight bytes"]
        var random = SplitMix64(seed: 20_261_130)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            XCTAssertEqual(written(text), reference(text), "\(text.debugDescription)")
        }
    }

    /// Special characters are found eight bytes at a time: each one at every position of
    /// texts up to 40 bytes long, across and at the ends of the eight-byte words.
    func testSpecialCharactersAreFoundAtEveryPosition() {
        for special in [",", "\"", "\n", "\r"] {
            for length in 1...40 {
                for position in 0..<length {
                    var characters = Array(repeating: "x", count: length)
                    characters[position] = special
                    let text = characters.joined()
                    XCTAssertEqual(written(text), reference(text), "\(text.debugDescription)")
                }
            }
        }
        // Bytes close to the special ones (a bit apart) do not count.
        for text in ["-./+*)(!#$%&", String(repeating: "\u{0B}\u{0C}\u{0E}\u{0F}!#", count: 5)] {
            XCTAssertEqual(written(text), reference(text))
            XCTAssertFalse(written(text).hasPrefix("\""))
        }
    }

    func testCellsAreNeutralisedAndQuoted() {
        var line = CSVLine()
        line.text("=1+1")
        line.text("a, \"b\"")
        line.text("-3 logins; ok")
        line.integer(-42)
        line.integer(Int.min)
        XCTAssertEqual(String(decoding: line.bytes, as: UTF8.self),
                       "'=1+1,\"a, \"\"b\"\"\",'-3 logins; ok,-42,-9223372036854775808")
    }

    /// Numbers beyond the fast path's 64 bits still get their exact printf text and room.
    func testNumbersOfEveryMagnitude() {
        for value in [0.0, -0.0, 1.005, 123456.789, 9.99e8, 1e9, 1e15, -1.8e19, 1e300, -Double.greatestFiniteMagnitude] {
            for decimals in [0, 2, 6, 9, 12] {
                var line = CSVLine()
                line.number(value, decimals: decimals)
                XCTAssertEqual(String(decoding: line.bytes, as: UTF8.self), String(format: "%.\(decimals)f", value))
            }
        }
        var empty = CSVLine()
        empty.number(.nan, decimals: 2)
        empty.number(nil, decimals: 2)
        XCTAssertEqual(String(decoding: empty.bytes, as: UTF8.self), ",")
    }

    func testBlocksGrowAndKeepTheirBytes() {
        let block = ByteBlock(capacity: 4)
        for index in 0..<1000 {
            let start = block.end(withRoom: 3)
            start[0] = UInt8(ascii: "a") + UInt8(index % 26)
            block.count += 1
        }
        XCTAssertEqual(block.count, 1000)
        XCTAssertGreaterThanOrEqual(block.capacity, 1000)
        XCTAssertEqual(Array(block.bytes), (0..<1000).map { UInt8(ascii: "a") + UInt8($0 % 26) })
    }
}
