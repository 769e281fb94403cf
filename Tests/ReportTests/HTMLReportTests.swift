import Evaluation
import XCTest
@testable import Report

final class HTMLReportTests: XCTestCase {
    func testEscapingCoversTheFiveCharacters() {
        XCTAssertEqual(HTML.escape("<a href=\"x\">Tom & Jerry's</a>"),
                       "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        XCTAssertEqual(HTML.escape("Zürich — 100%"), "Zürich — 100%")
    }

    func testTheReportIsSelfContainedAndDataIsEscaped() throws {
        let fixture = try ReportFixture()
        let html = fixture.html
        // Hostile names and owners appear as text, never as markup.
        XCTAssertFalse(html.contains(ReportFixture.hostileName))
        XCTAssertFalse(html.contains("<b>bold</b>"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("O&#39;Brien &amp; &quot;Sons&quot; &lt;b&gt;bold&lt;/b&gt;"))
        XCTAssertFalse(html.lowercased().contains("<script"))
        // No external resource: the only URL is the SVG namespace, and scripts are forbidden by policy.
        let urls = html.components(separatedBy: "://").count - 1
        let namespaces = html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1
        XCTAssertEqual(urls, namespaces)
        XCTAssertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        // Every chart, each with an accessible name and description.
        for id in ["roc-chart", "calibration-chart", "tier-chart", "odds-chart", "backtest-chart"] {
            XCTAssertTrue(html.contains("<svg class=\"chart\" id=\"\(id)\""), id)
            XCTAssertTrue(html.contains("<title id=\"\(id)-title\">"), id)
            XCTAssertTrue(html.contains("<desc id=\"\(id)-desc\">"), id)
        }
        // The sections a customer-success lead looks for.
        for heading in ["Who to call this week", "Portfolio KPIs, ", "Does the score predict who leaves?",
                        "Can you trust the percentages?", "How the tiers played out", "What drives the risk",
                        "The same check, quarter after quarter"] {
            XCTAssertTrue(html.contains(heading), heading)
        }
        // The risk list shows the top 20 with reasons, in order of risk.
        XCTAssertEqual(fixture.data.riskList.count, 20)
        let risks = fixture.data.riskList.map(\.churnProbability)
        XCTAssertEqual(risks, risks.sorted(by: >))
        XCTAssertEqual(html.components(separatedBy: "<ul class=\"reasons\">").count - 1,
                       fixture.data.riskList.filter { !$0.reasons.isEmpty }.count)
        // The figures on the page are those of the evaluation.
        let holdout = fixture.data.evaluation.holdout
        XCTAssertTrue(html.contains(Format.decimal(holdout[.model].auc)))
        XCTAssertTrue(html.contains("\(holdout.testChurned) accounts (\(Format.percent(holdout.testChurnRate)))"))
    }

    func testChartsScaleWithTheirData() {
        XCTAssertEqual(TierChart.niceStep(for: 7), 2)
        XCTAssertEqual(TierChart.niceStep(for: 230), 50)
        XCTAssertEqual(TierChart.niceStep(for: 30), 5)
        XCTAssertEqual(ticks(from: 0, to: 1, step: 0.2).count, 6)
        XCTAssertEqual(OddsRatioChart.formatRatio(0.7), "0.70")
        XCTAssertEqual(OddsRatioChart.formatRatio(12.4), "12")
        let scale = LogScale(domain: (0.25, 4), range: (0, 100))
        XCTAssertEqual(scale(1), 50, accuracy: 1e-9)
        XCTAssertEqual(scale(2) - scale(1), scale(1) - scale(0.5), accuracy: 1e-9)
    }
}
