import Foundation
import XCTest

/// Every command's `--help` at a fixed width of 80 columns, compared with the text kept
/// in Tests/CLITests/Help, the way swift-argument-parser tests its own examples. A change
/// to an option or its help shows up in the diff of that file. To accept new help text:
/// `HEALTHSCORE_RECORD_HELP=1 swift test --filter HelpTests`, then review the diff.
final class HelpTests: XCTestCase {
    static let commands = ["", "train", "score", "risks", "evaluate", "kpis", "report", "features", "fit", "generate", "load",
                           "history", "changes", "serve"]

    func testHelpMatchesTheKeptText() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Help")
        let record = ProcessInfo.processInfo.environment["HEALTHSCORE_RECORD_HELP"] == "1"
        for command in Self.commands {
            let arguments = (command.isEmpty ? [] : [command]) + ["--help"]
            let result = try healthscore(arguments, environment: ["COLUMNS": "80"])
            XCTAssertEqual(result.status, 0, "healthscore \(command) --help: \(result.stderr)")
            let file = folder.appendingPathComponent((command.isEmpty ? "healthscore" : command) + ".txt")
            if record {
                try Data(result.stdout.utf8).write(to: file)
                continue
            }
            let kept = try String(contentsOf: file, encoding: .utf8)
            XCTAssertEqual(result.stdout, kept, "healthscore \(command) --help differs from \(file.lastPathComponent)")
            for line in result.stdout.split(separator: "\n") where !line.hasPrefix("USAGE:") {
                XCTAssertLessThanOrEqual(line.count, 80, "wider than 80 columns in \(command) --help: \(line)")
            }
        }
    }
}
