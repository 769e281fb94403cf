import Foundation
import LoopbackHTTP
import Store
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `healthscore serve` as a user starts it: refused beyond loopback without a token,
/// serving on loopback, and stopping cleanly on SIGTERM and SIGINT.
final class ServeCommandTests: XCTestCase {
    func testAnAddressBeyondLoopbackNeedsAToken() throws {
        let result = try healthscore(["serve", "--store", "nowhere.sqlite", "--host", "0.0.0.0"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("refusing to listen on 0.0.0.0 without a token"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--token"), "the hint names the flag: \(result.stderr)")
        let short = try healthscore(["serve", "--store", "nowhere.sqlite", "--token", "abc"])
        XCTAssertEqual(short.status, 1)
        XCTAssertTrue(short.stderr.contains("too short"), short.stderr)
        // The environment variable counts as a token.
        let fromEnvironment = try healthscore(["serve", "--store", "nowhere.sqlite", "--host", "0.0.0.0"],
                                              environment: ["HEALTHSCORE_TOKEN": "abc"])
        XCTAssertTrue(fromEnvironment.stderr.contains("too short"), fromEnvironment.stderr)
    }

    func testServesAndStopsOnSignals() async throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/store.sqlite"
        await (try await ScoreStore.open(.sqlite(path: path))).close()
        for signal in [SIGTERM, SIGINT] {
            let log = folder.path + "/serve-\(signal).log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let process = Process()
            process.executableURL = Bundle.main.bundleURL.appendingPathComponent("healthscore")
            process.arguments = ["serve", "--store", path, "--port", "0"]
            process.standardError = FileHandle(forWritingAtPath: log)
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            var port: Int?
            for _ in 0..<200 where port == nil {
                try await Task.sleep(for: .milliseconds(50))
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                if let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                    port = Int(text[range].dropFirst("http://127.0.0.1:".count).dropLast())
                }
            }
            let bound = try XCTUnwrap(port, "no address printed: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
            XCTAssertEqual(try RawHTTP.send(port: bound, method: "GET", path: "/", headers: [:]).status, 200)
            kill(process.processIdentifier, signal)
            for _ in 0..<200 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
            XCTAssertFalse(process.isRunning, "still running 10 s after signal \(signal)")
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .exit, "signal \(signal): ended by the signal, not by itself")
            XCTAssertEqual(process.terminationStatus, 0, "signal \(signal)")
            let text = try String(contentsOfFile: log, encoding: .utf8)
            XCTAssertTrue(text.contains("Serving sqlite:\(path) (0 runs)"), text)
            // One structured line per request.
            XCTAssertTrue(text.contains("method=GET") && text.contains("path=/") && text.contains("status=200"), text)
        }
    }
}
