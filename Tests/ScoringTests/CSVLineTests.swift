import XCTest
@testable import Exports

/// Writing parts joined in place must give the bytes of writing the joined text.
final class CSVLineTests: XCTestCase {
    func testJoiningMatchesTheJoinedText() {
        let pieces = ["", "plain", "=SUM(A1)", "-5% logins", "@home", "\tindented", "a, b", "say \"hi\"", "two\nlines",
                      "café ☕", "+", "'quoted'"]
        let separators = ["; ", "", "=", ",", "\""]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let parts = (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }
            let separator = separators.randomElement(using: &random)!
            var joined = CSVLine(), inPlace = CSVLine()
            joined.text(parts.joined(separator: separator))
            inPlace.text(joining: parts, separator: separator)
            XCTAssertEqual(inPlace.bytes, joined.bytes, "\(parts) joined by \(separator)")
        }
    }

    func testCellsAreNeutralisedAndQuoted() {
        var line = CSVLine()
        line.text("=1+1")
        line.text("a, \"b\"")
        line.text(joining: ["-3 logins", "ok"], separator: "; ")
        XCTAssertEqual(String(decoding: line.bytes, as: UTF8.self), "'=1+1,\"a, \"\"b\"\"\",'-3 logins; ok")
    }
}
