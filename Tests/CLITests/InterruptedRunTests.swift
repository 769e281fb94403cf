import Foundation
import TestSupport
import XCTest

/// A run killed at any moment leaves the output it was replacing byte for byte, or the
/// complete new one: never a mix, never a truncated file.
final class InterruptedRunTests: XCTestCase {
    func testKilledScoreRunNeverLeavesAPartialFile() throws {
        let folder = TemporaryFolder()
        let data = folder.path + "/data"
        XCTAssertEqual(try healthscore(["generate", "--out", data, "--accounts", "3000", "--seed", "5"]).status, 0)
        let model = folder.path + "/model.json"
        XCTAssertEqual(try healthscore(["train", "--data", data, "--as-of", "2026-03-31", "--model", model, "--l2", "1"]).status, 0)
        let scores = folder.path + "/scores.json"
        let arguments = ["score", "--data", data, "--model", model, "--as-of", "2026-06-30", "--out", scores]

        // One full run: its duration spreads the kills, its output is "the new file".
        let started = Date()
        XCTAssertEqual(try healthscore(arguments).status, 0)
        let duration = Date().timeIntervalSince(started)
        let complete = contents(scores)!
        let old = Data("previous scores, kept until a run completes\n".utf8)

        // Reading comes first and writing last, so most kill points sit in the final 30%.
        let fractions = [0.1, 0.4] + (0..<12).map { 0.7 + 0.3 * Double($0) / 11 }
        var outcomes: [String] = []
        for (step, fraction) in fractions.enumerated() {
            try old.write(to: URL(fileURLWithPath: scores))
            let process = Process()
            process.executableURL = Bundle.main.bundleURL.appendingPathComponent("healthscore")
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: duration * fraction)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = contents(scores)
            XCTAssertTrue(now == old || now == complete, "kill at step \(step) left a partial file")
            outcomes.append(now == old ? "old" : "new")
        }
        // Wherever the kills landed, the invariant above held; this shows where they did.
        print("killed runs left: \(outcomes.joined(separator: " "))")
    }
}
