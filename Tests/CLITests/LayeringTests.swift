import Foundation
import XCTest

/// Rules of the layout that a review would check by reading, kept true by a test: the
/// library speaks no command-line, and only the reading layer knows the CSV folder.
final class LayeringTests: XCTestCase {
    let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// Every Swift file under Sources/, with its folder (module) name.
    func files() throws -> [(module: String, path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(atPath: sources.path)!
        var result: [(String, String, String)] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let module = String(relative.split(separator: "/")[0])
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            result.append((module, relative, text))
        }
        return result
    }

    static let commandLine: Set = ["healthscore", "healthscore-bench"]

    func testLibraryStringsNameNoFlag() throws {
        let flag = try NSRegularExpression(pattern: "(^|[\\s(`\"'>])--[a-z]")
        var found: [String] = []
        for file in try files() where !Self.commandLine.contains(file.module) {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                let range = NSRange(code.startIndex..., in: code)
                if flag.firstMatch(in: code, range: range) != nil { found.append("\(file.path):\(number + 1): \(code)") }
            }
        }
        XCTAssertEqual(found, [], "library code names command-line flags")
    }

    func testOnlyTheReadingLayerKnowsTheCSVFolder() throws {
        let allowed = Set(["Ingest", "DataSources"]).union(Self.commandLine)
        let users = try files().filter { !allowed.contains($0.module) && $0.text.contains("DatasetFolder") }.map(\.path)
        XCTAssertEqual(users, [], "the CSV folder type outside the reading layer")
    }
}
