import Foundation
import TestSupport
import XCTest

/// train -> score -> risks through the real binary on a simulated customer base.
final class PipelineCommandTests: XCTestCase {
    func testTrainScoreRisksRoundTrip() throws {
        let folder = TemporaryFolder()
        let data = folder.path + "/data"
        let generated = try healthscore(["generate", "--out", data, "--accounts", "400", "--seed", "7"])
        XCTAssertEqual(generated.status, 0, generated.stderr)

        let model = folder.path + "/model.json"
        let trained = try healthscore(["train", "--data", data, "--as-of", "2026-03-31", "--model", model])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        XCTAssertTrue(trained.stdout.contains("logins_30d"), trained.stdout)
        XCTAssertTrue(trained.stdout.contains("Model saved to \(model)"))
        let modelJSON = try JSONSerialization.jsonObject(with: contents(model)!) as! [String: Any]
        XCTAssertEqual(modelJSON["format"] as? String, "healthscore-churn-model")
        XCTAssertEqual(modelJSON["horizon_days"] as? Int, 90)

        let scores = folder.path + "/scores.csv"
        let scored = try healthscore(["score", "--data", data, "--model", model, "--out", scores])
        XCTAssertEqual(scored.status, 0, scored.stderr)
        XCTAssertTrue(scored.stderr.contains("scoring as of 2026-09-30, the latest date in the data"), scored.stderr)
        let lines = String(decoding: contents(scores)!, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.first, "account_id,name,owner,segment,mrr,churn_probability,health_score,tier,revenue_at_risk,reasons,as_of,horizon_days")
        XCTAssertGreaterThan(lines.count, 100)

        let risks = folder.path + "/risks.json"
        let listed = try healthscore(["risks", "--scores", scores, "--top", "20", "--sort", "revenue", "--out", risks])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let list = try JSONSerialization.jsonObject(with: contents(risks)!) as! [[String: Any]]
        XCTAssertEqual(list.count, 20)
        XCTAssertEqual(list.map { $0["rank"] as! Int }, Array(1...20))
        let revenue = list.map { $0["revenue_at_risk"] as! Double }
        XCTAssertEqual(revenue, revenue.sorted(by: >))
        XCTAssertFalse((list[0]["reasons"] as! [String]).isEmpty, "the riskiest accounts come with reasons")

        // The same list filtered by probability, as CSV.
        let csv = folder.path + "/risks.csv"
        let filtered = try healthscore(["risks", "--scores", scores, "--min-probability", "0.5", "--out", csv])
        XCTAssertEqual(filtered.status, 0, filtered.stderr)
        let rows = String(decoding: contents(csv)!, as: UTF8.self).split(separator: "\n").dropFirst()
        XCTAssertTrue(rows.allSatisfy { row in
            // churn_probability is the 7th column once rank is added; names are plain here.
            Double(row.split(separator: ",", omittingEmptySubsequences: false)[6]).map { $0 >= 0.5 } ?? false
        } || rows.isEmpty)
    }

    func testHelpIsWrittenForPeople() throws {
        let help = try healthscore(["score", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("health score 0-100"), help.stdout)
        let top = try healthscore(["--help"])
        XCTAssertTrue(top.stdout.contains("train") && top.stdout.contains("risks") && top.stdout.contains("fit"))
    }
}
