import Foundation
import Store
import TestSupport
import XCTest

/// The pages as a person gets them: what each shows, and that its links lead somewhere.
final class PageTests: ServerTestCase {
    func testPortfolioShowsTiersTrendAndMovers() throws {
        let html = try get("/").text
        XCTAssertTrue(html.contains("<h1>Portfolio on \(ServerFixture.days.last!)</h1>"))
        XCTAssertTrue(html.contains("id=\"trend-chart\""))
        XCTAssertTrue(html.contains("id=\"tier-trend-chart\""))
        XCTAssertTrue(html.contains("MRR at risk"))
        XCTAssertTrue(html.contains("Biggest movers"))
        // Each run is a point of the MRR-at-risk line, each with a title.
        XCTAssertEqual(Self.count("<circle", in: Self.element("trend-chart", in: html)), ServerFixture.days.count)
        // Every link on the page answers.
        for link in Self.links(in: html) where link.hasPrefix("/") {
            XCTAssertEqual(try server.get(link.replacingOccurrences(of: "&amp;", with: "&")).status, 200, link)
        }
    }

    func testAccountListFiltersSortsAndPages() throws {
        let html = try get("/accounts?tier=watch&sort=revenue").text
        XCTAssertTrue(html.contains("<option value=\"watch\" selected>"))
        XCTAssertTrue(html.contains("<option value=\"revenue\" selected>"))
        XCTAssertFalse(html.contains("badge at_risk"), "only watch accounts")
        let first = try get("/accounts").text
        XCTAssertTrue(first.contains("rel=\"next\" href=\"/accounts?offset=50\""))
        let second = try get("/accounts?offset=50").text
        XCTAssertTrue(second.contains("rel=\"prev\" href=\"/accounts\""))
        XCTAssertTrue(second.contains("Page 2 of"))
        XCTAssertTrue(try get("/accounts?q=zzzz-nobody").text.contains("No account matches"))
        // Account links in the list open the account's page.
        let links = Self.links(in: first).filter { $0.hasPrefix("/accounts/") }
        XCTAssertEqual(links.count, 50)
        XCTAssertEqual(try server.get(links[0]).status, 200)
    }

    func testAccountPageHasTheHistoryChartAndWhatChanged() throws {
        let html = try get("/accounts/" + APITests.escape(fixture.hostileID)).text
        let chart = Self.element("history-chart", in: html)
        XCTAssertTrue(chart.contains("<title id=\"history-chart-title\">"))
        XCTAssertEqual(Self.count("<polyline", in: chart), 1, "the series")
        // One marker per run, shaped by tier (square, diamond or circle).
        let markers = Self.count("<rect x", in: chart) - 3 + Self.count("<polygon", in: chart) + Self.count("<circle", in: chart)
        XCTAssertEqual(markers, ServerFixture.days.count)
        XCTAssertTrue(html.contains("id=\"change-chart\""))
        XCTAssertTrue(html.contains("A different model"), "the last run changed the model")
        XCTAssertTrue(html.contains("id=\"drivers-chart\""))
        XCTAssertTrue(html.contains("Typical healthy account"))
        XCTAssertTrue(html.contains("Why"))
    }

    func testRunsPageListsRunsAndTheirModels() async throws {
        let html = try get("/runs").text
        for run in try await store.runs() {
            XCTAssertTrue(html.contains("<span class=\"day\">\(run.asOf)</span>"))
            XCTAssertTrue(html.contains("id=\"model-\(run.modelFingerprint.prefix(12))\""))
        }
        XCTAssertTrue(html.contains("Odds ratio"))
    }

    func testAnEmptyStoreSaysSo() async throws {
        let folder = TemporaryFolder()
        let empty = try await ScoreStore.open(.sqlite(path: folder.path + "/empty.sqlite"))
        let emptyServer = try await TestServer(store: empty)
        XCTAssertTrue(try emptyServer.get("/").text.contains("No runs yet"))
        XCTAssertEqual(try emptyServer.get("/accounts").status, 404)
        XCTAssertEqual(try emptyServer.get("/api/v1/accounts").status, 404)
        XCTAssertEqual(try emptyServer.get("/api/v1/runs").text, "{\"runs\":[]}")
        XCTAssertEqual(try emptyServer.get("/api/v1/changes").status, 404)
        await emptyServer.stop()
        await empty.close()
    }

    // MARK: helpers

    /// The `<svg id="…">…</svg>` element.
    static func element(_ id: String, in html: String) -> String {
        guard let start = html.range(of: "<svg class=\"chart\" id=\"\(id)\""),
              let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex) else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    static func count(_ part: String, in text: String) -> Int { text.components(separatedBy: part).count - 1 }

    static func links(in html: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: "href=\"([^\"]*)\"")
        return expression.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
            Range($0.range(at: 1), in: html).map { String(html[$0]) }
        }
    }
}
