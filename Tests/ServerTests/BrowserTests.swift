import Foundation
import TestSupport
import XCTest

/// The dashboard in real headless Chromium, driven by chromedriver through Selenium
/// (Browser/dashboard_in_chromium.py), against a server started with a token: the
/// portfolio opens, a click on an account leads to its page with the history chart, the
/// hostile account name is text, and the console stays empty.
///
/// Needs chromium, chromium-driver and Python's selenium (Debian: `apt-get install -y
/// chromium chromium-driver python3-selenium`). Without them the test fails saying so,
/// unless HEALTHSCORE_SKIP_BROWSER=1, which skips it.
final class BrowserTests: ServerTestCase {
    override var token: String? { "browser-test-token-0123456789abcdef" }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Browser/dashboard_in_chromium.py").path

    func testPortfolioToAccountInChromium() throws {
        let environment = ProcessInfo.processInfo.environment
        if environment["HEALTHSCORE_SKIP_BROWSER"] == "1" {
            throw XCTSkip("browser test skipped because HEALTHSCORE_SKIP_BROWSER=1")
        }
        var missing: [String] = []
        if Self.executable(["chromium", "chromium-browser"]) == nil { missing.append("chromium") }
        if Self.executable(["chromedriver"]) == nil { missing.append("chromium-driver") }
        let python = Self.pythonWithSelenium()
        if python == nil { missing.append("python3-selenium") }
        guard missing.isEmpty, let python else {
            XCTFail("""
                The dashboard's browser test needs \(missing.joined(separator: ", ")), not found.
                Install them with:  apt-get update && apt-get install -y chromium chromium-driver python3-selenium
                (or pip install selenium), or set HEALTHSCORE_SKIP_BROWSER=1 to skip this test.
                """)
            return
        }
        let hostilePath = "/accounts/" + APITests.escape(fixture.hostileID)
        let result = try Self.run(python, [Self.script, "http://127.0.0.1:\(server.port)", token!, hostilePath])
        XCTAssertEqual(result.status, 0, result.stderr)
        let seen = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                                 "no report from the browser script: \(result.stdout) \(result.stderr)")
        XCTAssertTrue((seen["portfolio_title"] as? String ?? "").hasPrefix("Portfolio on"), "\(seen)")
        XCTAssertEqual(Set(seen["portfolio_charts"] as? [String] ?? []), ["trend-chart", "tier-trend-chart"])
        let url = try XCTUnwrap(URL(string: seen["account_url"] as? String ?? ""))
        XCTAssertTrue(url.path.hasPrefix("/accounts/"), "the click led to \(url)")
        XCTAssertEqual(seen["account_heading"] as? String, seen["clicked_name"] as? String)
        XCTAssertEqual(seen["history_series"] as? Int, 1, "the history line")
        let points = seen["history_points"] as? [String] ?? []
        XCTAssertFalse(points.isEmpty, "no point on the history chart")
        XCTAssertTrue(points.allSatisfy { $0.contains("health") }, "\(points)")
        XCTAssertGreaterThan((seen["history_chart_size"] as? [Double])?.first ?? 0, 300, "the chart is drawn at a readable size")
        XCTAssertEqual(seen["stylesheet_applied"] as? String, "solid", "the stylesheet loaded (with the token)")
        XCTAssertEqual(seen["hostile_heading"] as? String, ServerFixture.hostileName, "the hostile name shows as text")
        XCTAssertEqual(seen["hostile_scripts"] as? Int, 0)
        XCTAssertEqual(seen["hostile_bold"] as? Int, 0)
        let console = seen["console"] as? [[String: Any]] ?? []
        XCTAssertEqual(console.filter { ($0["level"] as? String) == "SEVERE" }.map { $0["message"] as? String ?? "" }, [],
                       "the browser logged errors")
    }

    static func executable(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in names where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") { return "\(folder)/\(name)" }
        }
        return nil
    }

    /// Debian's python3 first (where python3-selenium installs), then the one on PATH.
    static func pythonWithSelenium() -> String? {
        var candidates = ["/usr/bin/python3"]
        if let onPath = executable(["python3"]) { candidates.append(onPath) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) && (try? run($0, ["-c", "import selenium"]).status) == 0 }
    }

    /// Runs a program, stopped after 3 minutes (it takes seconds) so a hang cannot stall the suite.
    static func run(_ executable: String, _ arguments: [String]) throws -> ProgramRun {
        try ProgramRun.run(executable, arguments, timeout: 180)
    }
}
