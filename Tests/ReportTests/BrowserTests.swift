import Foundation
import TestSupport
import XCTest

/// Opens the report in a real headless Chromium: it must render, log nothing to the
/// console, show every chart, and paint a page that is not blank.
///
/// Needs a `chromium` binary (Debian: `apt-get install -y chromium`). Without one the test
/// fails with that instruction, unless HEALTHSCORE_SKIP_BROWSER=1 is set, which skips it.
final class BrowserTests: XCTestCase {
    func testTheReportRendersInAHeadlessBrowser() throws {
        guard let browser = try chromiumPath() else { return }
        let fixture = try ReportFixture()
        let page = fixture.folder.path + "/report.html"
        try Data(fixture.html.utf8).write(to: URL(fileURLWithPath: page))
        let url = URL(fileURLWithPath: page).absoluteString
        let options = headlessOptions(profile: fixture.folder.path + "/profile")

        let dom = try renderedDOM(browser, url, options: options)
        // The rendered document holds every chart, drawn.
        for id in ["roc-chart", "calibration-chart", "tier-chart", "odds-chart", "backtest-chart"] {
            XCTAssertTrue(dom.stdout.contains("id=\"\(id)\""), "chart \(id) missing from the rendered page")
        }
        XCTAssertGreaterThanOrEqual(dom.stdout.components(separatedBy: "<polyline").count - 1, 8, "ROC and backtest lines")
        XCTAssertGreaterThanOrEqual(dom.stdout.components(separatedBy: "<circle").count - 1, 10 + 13, "calibration and odds points")
        // Hostile account names are text in the rendered page, not elements.
        XCTAssertFalse(dom.stdout.lowercased().contains("<script"))
        XCTAssertFalse(dom.stdout.contains("<b>bold</b>"))
        XCTAssertTrue(dom.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))

        // A screenshot of the whole page at half scale: 640 x 7,000 pixels.
        let shot = fixture.folder.path + "/report.png"
        let painted = try run(browser, options + ["--screenshot=\(shot)", "--window-size=1280,14000",
                                                  "--force-device-scale-factor=0.5", url])
        XCTAssertEqual(painted.status, 0, painted.stderr)
        let image = try PNGImage(contentsOf: shot)
        XCTAssertEqual(image.width, 640)
        XCTAssertEqual(image.height, 7000)
        let background = image.count(near: (0xF6, 0xF8, 0xFA), tolerance: 3) + image.count(near: (0xFF, 0xFF, 0xFF), tolerance: 3)
        XCTAssertGreaterThan(Double(image.width * image.height - background) / Double(image.width * image.height), 0.03,
                             "the screenshot is (nearly) blank")
        // The charts' colours are on the page: the model's blue, healthy green, at-risk orange.
        XCTAssertGreaterThan(image.count(near: (0x00, 0x72, 0xB2)), 200, "no model-blue pixels: charts not drawn")
        XCTAssertGreaterThan(image.count(near: (0x00, 0x7A, 0x5A)), 200, "no healthy-tier bars")
        XCTAssertGreaterThan(image.count(near: (0xC2, 0x54, 0x00)), 20, "no at-risk colour")
    }

    /// The report of a survival model: its three charts render, with every curve and marker,
    /// and the page logs nothing.
    func testTheSurvivalReportRendersInAHeadlessBrowser() throws {
        guard let browser = try chromiumPath() else { return }
        let fixture = try ReportFixture(survival: true)
        let page = fixture.folder.path + "/survival-report.html"
        try Data(fixture.html.utf8).write(to: URL(fileURLWithPath: page))
        let url = URL(fileURLWithPath: page).absoluteString
        let options = headlessOptions(profile: fixture.folder.path + "/profile")
        let dom = try renderedDOM(browser, url, options: options)
        for id in ["survival-riskiest-chart", "survival-valuable-chart", "lifetime-value-chart", "roc-chart", "calibration-chart"] {
            XCTAssertTrue(dom.stdout.contains("id=\"\(id)\""), "chart \(id) missing from the rendered page")
        }
        // Ten survival curves besides the ROC and backtest lines; their markers in four shapes.
        XCTAssertGreaterThanOrEqual(dom.stdout.components(separatedBy: "<polyline").count - 1, 10 + 8)
        XCTAssertGreaterThanOrEqual(dom.stdout.components(separatedBy: "<polygon").count - 1, 24)
        XCTAssertFalse(dom.stdout.lowercased().contains("<script"))

        let shot = fixture.folder.path + "/survival-report.png"
        let painted = try run(browser, options + ["--screenshot=\(shot)", "--window-size=1280,16000",
                                                  "--force-device-scale-factor=0.5", url])
        XCTAssertEqual(painted.status, 0, painted.stderr)
        let image = try PNGImage(contentsOf: shot)
        // The riskiest curve's blue, and the second curve's orange, are painted.
        XCTAssertGreaterThan(image.count(near: (0x00, 0x72, 0xB2)), 200, "no model-blue pixels: charts not drawn")
        XCTAssertGreaterThan(image.count(near: (0xC2, 0x54, 0x00)), 20, "no orange curve")
    }

    /// Chromium's flags for a page that must work offline and show its console.
    func headlessOptions(profile: String) -> [String] {
        ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--no-first-run",
         "--user-data-dir=\(profile)",
         // Any attempt to reach the network fails, so the page must work offline.
         "--host-resolver-rules=MAP * ~NOTFOUND",
         // Console messages (script errors, blocked loads, policy violations) go to stderr.
         "--enable-logging=stderr", "--v=0"]
    }

    /// The page as Chromium renders it, once checked that it rendered, logged nothing to
    /// the console and tried to load nothing.
    func renderedDOM(_ browser: String, _ url: String, options: [String],
                     file: StaticString = #filePath, line: UInt = #line) throws -> ProgramRun {
        let dom = try run(browser, options + ["--dump-dom", url])
        XCTAssertEqual(dom.status, 0, dom.stderr, file: file, line: line)
        let console = dom.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
        XCTAssertEqual(console, [], "the page logged to the console", file: file, line: line)
        XCTAssertFalse(dom.stderr.contains("net::ERR"), "the page tried to load something", file: file, line: line)
        return dom
    }

    /// The Chromium binary; without one, a failure saying how to install it (nil), or a
    /// skip when HEALTHSCORE_SKIP_BROWSER=1.
    func chromiumPath() throws -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        if ProcessInfo.processInfo.environment["HEALTHSCORE_SKIP_BROWSER"] == "1" {
            throw XCTSkip("no chromium binary; skipped because HEALTHSCORE_SKIP_BROWSER=1")
        }
        XCTFail("""
            The report's browser test needs Chromium and none was found on PATH.
            Install it with:  apt-get update && apt-get install -y chromium
            or set HEALTHSCORE_SKIP_BROWSER=1 to skip this test.
            """)
        return nil
    }

    /// Runs a program, stopped after 2 minutes (it takes seconds) so a hang cannot stall the suite.
    func run(_ executable: String, _ arguments: [String]) throws -> ProgramRun {
        try ProgramRun.run(executable, arguments, timeout: 120)
    }
}
