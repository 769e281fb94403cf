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

    func testASurvivalModelAddsCurvesAndLifetimeValues() throws {
        let fixture = try ReportFixture(survival: true)
        let html = fixture.html
        let survival = try XCTUnwrap(fixture.data.survival)
        XCTAssertTrue(html.contains("<h2 id=\"lifetime-h\">What the customers are worth</h2>"))
        XCTAssertTrue(html.contains("<a href=\"#lifetime\">"))
        for id in ["survival-riskiest-chart", "survival-valuable-chart", "lifetime-value-chart"] {
            XCTAssertTrue(html.contains("<svg class=\"chart\" id=\"\(id)\""), id)
            XCTAssertTrue(html.contains("<title id=\"\(id)-title\">"), id)
            XCTAssertTrue(html.contains("<desc id=\"\(id)-desc\">"), id)
        }
        // Five accounts per chart, riskiest and most valuable first; the curves never rise.
        XCTAssertEqual(survival.riskiest.count, SurvivalReport.accountsShown)
        let risks = survival.riskiest.map(\.row.churnProbability)
        XCTAssertEqual(risks, risks.sorted(by: >))
        XCTAssertEqual(risks.first, fixture.data.currentScores.map(\.churnProbability).max())
        let values = survival.mostValuable.map { $0.row.lifetime?.lifetimeValue ?? 0 }
        XCTAssertEqual(values, values.sorted(by: >))
        for curve in survival.riskiest + survival.mostValuable {
            XCTAssertEqual(curve.survival.count, SurvivalReport.curveMonths + 1)
            XCTAssertEqual(curve.survival[0], 1)
            XCTAssertEqual(curve.survival, curve.survival.sorted(by: >=))
        }
        // Every marker has a title for screen readers, and the shapes differ by account:
        // circle, diamond, square, triangles.
        XCTAssertTrue(html.contains("chance still a customer after 12 months</title>"))
        XCTAssertGreaterThanOrEqual(html.components(separatedBy: "<polygon").count - 1, 3 * 4 * 2)
        // The book's figures, and hostile names escaped in the legends.
        XCTAssertTrue(html.contains(Format.money(survival.book.lifetimeValue)))
        XCTAssertEqual(survival.book.customers, fixture.data.currentScores.count)
        XCTAssertFalse(html.contains(ReportFixture.hostileName))
        XCTAssertTrue(html.contains("survival &lt;model&gt;.json"))
        // The list is the survival model's: its churn probability over 90 days.
        XCTAssertTrue(fixture.data.riskList.allSatisfy { $0.lifetime?.churnProbability90d == $0.churnProbability })
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
