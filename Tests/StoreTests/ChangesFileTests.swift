import Foundation
import Ingest
import Scoring
import TestSupport
import XCTest
@testable import Store

final class ChangesFileTests: XCTestCase {
    private func report() -> ChangeReport {
        func run(_ id: Int64, _ day: String) -> RunSummary {
            RunSummary(id: id, asOf: CalendarDay(day)!, createdAt: "2026-05-04T06:00:00.000Z", modelFingerprint: "ab",
                       modelAsOf: CalendarDay("2025-12-31")!, horizonDays: 90, thresholds: TierThresholds(),
                       accountCount: 2, featureNames: [])
        }
        let terms = ChangeTerms(families: [0.5, -0.25, 0, 0, 0.125, 0, 0], model: 0)
        return ChangeReport(from: run(1, "2026-04-27"), to: run(2, "2026-05-04"), minimumDrop: 10, accounts: [
            AccountChange(accountID: "A1", name: "=HYPERLINK(\"http://x\")", change: .worse, churnProbabilityFrom: 0.25,
                          churnProbabilityTo: 0.5, healthScoreFrom: 75, healthScoreTo: 50, tierFrom: .healthy, tierTo: .watch,
                          revenueAtRiskChange: 250, terms: terms),
            AccountChange(accountID: "A2", name: "Beta", change: .new, churnProbabilityFrom: nil, churnProbabilityTo: 0.1,
                          healthScoreFrom: nil, healthScoreTo: 90, tierFrom: nil, tierTo: .healthy,
                          revenueAtRiskChange: 10, terms: nil),
        ])
    }

    func testCSVIsSpreadsheetSafeWithTermColumns() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/changes.csv"
        try ChangesFile.write(report(), to: path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "account_id,name,change,churn_probability_from,churn_probability_to,health_score_from,health_score_to,tier_from,tier_to,revenue_at_risk_change,log_odds_change,term_session_frequency,term_session_duration,term_nps,term_marketing,term_interactions,term_tenure,term_account_size,term_model")
        XCTAssertEqual(lines[1], "A1,\"'=HYPERLINK(\"\"http://x\"\")\",worse,0.250000,0.500000,75,50,healthy,watch,250.00,0.375000,0.500000,-0.250000,0.000000,0.000000,0.125000,0.000000,0.000000,0.000000")
        XCTAssertEqual(lines[2], "A2,Beta,new,,0.100000,,90,,healthy,10.00,,,,,,,,,")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(leftovers, ["changes.csv"], "written through a temporary file, renamed into place")
    }

    func testJSONShape() throws {
        let object = try JSONSerialization.jsonObject(with: report().json()) as! [String: Any]
        XCTAssertEqual(object["from"] as? String, "2026-04-27")
        XCTAssertEqual(object["to"] as? String, "2026-05-04")
        let accounts = object["accounts"] as! [[String: Any]]
        XCTAssertEqual(accounts[0]["account_id"] as? String, "A1")
        XCTAssertEqual(accounts[0]["change"] as? String, "worse")
        XCTAssertEqual(accounts[0]["tier_to"] as? String, "watch")
        let terms = accounts[0]["terms"] as! [String: Double]
        XCTAssertEqual(Set(terms.keys), Set(ChangeTerms.names))
        XCTAssertEqual(terms["session_frequency"], 0.5)
        XCTAssertTrue(accounts[1]["churn_probability_from"] is NSNull, "a missing side is null")
        XCTAssertTrue(accounts[1]["terms"] is NSNull)
    }

    func testHistoryJSONShape() throws {
        let entry = HistoryEntry(runID: 3, asOf: CalendarDay("2026-05-04")!, churnProbability: 0.5, healthScore: 50,
                                 tier: .watch, reasons: ["no logins in the last 30 days"], mrr: nil, revenueAtRisk: 0,
                                 modelFingerprint: "ab")
        let object = try JSONSerialization.jsonObject(with: AccountHistory(accountID: "A1", runs: [entry]).json()) as! [String: Any]
        XCTAssertEqual(object["account_id"] as? String, "A1")
        let run = (object["runs"] as! [[String: Any]])[0]
        XCTAssertEqual(run["as_of"] as? String, "2026-05-04")
        XCTAssertEqual(run["churn_probability"] as? Double, 0.5)
        XCTAssertEqual(run["health_score"] as? Int, 50)
        XCTAssertEqual(run["tier"] as? String, "watch")
        XCTAssertEqual(run["reasons"] as? [String], ["no logins in the last 30 days"])
    }
}
