import Foundation
import TestSupport
import XCTest

/// evaluate, kpis and report through the real binary on a simulated customer base.
final class EvaluationCommandTests: XCTestCase {
    func makeData(_ folder: TemporaryFolder) throws -> String {
        let data = folder.path + "/data"
        let generated = try healthscore(["generate", "--out", data, "--accounts", "600", "--seed", "7"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        return data
    }

    func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: XCTUnwrap(contents(path))) as! [String: Any]
    }

    func testEvaluateKPIsAndReportRoundTrip() throws {
        let folder = TemporaryFolder()
        let data = try makeData(folder)

        // evaluate: the defaults pick the latest month ends whose outcomes are known.
        let evaluationFile = folder.path + "/evaluation.json"
        let evaluated = try healthscore(["evaluate", "--data", data, "--folds", "2", "--out", evaluationFile])
        XCTAssertEqual(evaluated.status, 0, evaluated.stderr)
        for text in ["Held-out check", "healthscore model", "Logins only", "NPS only", "Rule score",
                     "Calibration of the model on 2026-06-30", "Backtest", "Every figure written to"] {
            XCTAssertTrue(evaluated.stdout.contains(text), "\(text)\n\(evaluated.stdout)")
        }
        let evaluation = try json(evaluationFile)
        let split = (evaluation["plan"] as! [String: Any])["split"] as! [String: Any]
        XCTAssertEqual(split["test_as_of"] as? String, "2026-06-30")
        XCTAssertEqual(split["train_as_of"] as? String, "2026-03-31")
        let holdout = evaluation["holdout"] as! [String: Any]
        let methods = holdout["methods"] as! [[String: Any]]
        XCTAssertEqual(methods.count, 4)
        XCTAssertEqual((evaluation["backtest"] as! [[String: Any]]).count, 2)
        let calibration = methods[0]["calibration"] as! [String: Any]
        XCTAssertEqual((calibration["bins"] as! [[String: Any]]).count, 10)
        func flagged(_ file: String) throws -> Int {
            let methods = (try json(file)["holdout"] as! [String: Any])["methods"] as! [[String: Any]]
            return (methods[0]["flagged_tier"] as! [String: Any])["flagged"] as! Int
        }

        // Tiers and horizon are options.
        let wider = folder.path + "/wider.json"
        XCTAssertEqual(try healthscore(["evaluate", "--data", data, "--folds", "0", "--at-risk-below", "80",
                                        "--watch-below", "90", "--out", wider]).status, 0)
        XCTAssertGreaterThan(try flagged(wider), try flagged(evaluationFile))
        let shorter = folder.path + "/shorter.json"
        XCTAssertEqual(try healthscore(["evaluate", "--data", data, "--folds", "0", "--horizon", "60", "--out", shorter]).status, 0)
        let plan = try json(shorter)["plan"] as! [String: Any]
        XCTAssertEqual(plan["horizon_days"] as? Int, 60)
        XCTAssertEqual((plan["split"] as! [String: Any])["test_as_of"] as? String, "2026-07-31")

        // kpis: the latest whole quarter by default, any period on request.
        let kpiFile = folder.path + "/kpis.json"
        let kpis = try healthscore(["kpis", "--data", data, "--out", kpiFile])
        XCTAssertEqual(kpis.status, 0, kpis.stderr)
        XCTAssertTrue(kpis.stdout.contains("Portfolio KPIs for 2026 Q3 (2026-07-01 to 2026-09-30)"), kpis.stdout)
        let figures = try json(kpiFile)
        let (s, n, e, c) = (figures["customers_at_start"] as! Int, figures["new_customers"] as! Int,
                            figures["customers_at_end"] as! Int, figures["churned_customers"] as! Int)
        XCTAssertEqual(e, s + n - c)
        XCTAssertEqual(figures["customer_retention_rate"] as! Double, Double(e - n) / Double(s), accuracy: 1e-12)
        XCTAssertEqual((figures["churn_rate"] as! Double) + (figures["customer_retention_rate"] as! Double), 1, accuracy: 1e-12)
        let q1 = try healthscore(["kpis", "--data", data, "--from", "2026-01-01", "--to", "2026-03-31"])
        XCTAssertTrue(q1.stdout.contains("Portfolio KPIs for 2026 Q1 (2026-01-01 to 2026-03-31)"), q1.stdout)

        // report: one self-contained HTML file.
        let reportFile = folder.path + "/report.html"
        let reported = try healthscore(["report", "--data", data, "--folds", "2", "--top", "5", "--out", reportFile])
        XCTAssertEqual(reported.status, 0, reported.stderr)
        XCTAssertTrue(reported.stdout.contains("Report written to \(reportFile)"), reported.stdout)
        let html = String(decoding: try XCTUnwrap(contents(reportFile)), as: UTF8.self)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertEqual(html.components(separatedBy: "<svg class=\"chart\"").count - 1, 5)
        XCTAssertEqual(html.components(separatedBy: "<ul class=\"reasons\">").count - 1
                       + html.components(separatedBy: "no single signal stands out").count - 1, 5)
        XCTAssertTrue(html.contains("Portfolio KPIs, 2026 Q3"))
    }

    func testDaysWhoseOutcomeIsUnknownAreRefusedAndNothingIsWritten() throws {
        let folder = TemporaryFolder()
        let data = try makeData(folder)
        let out = folder.path + "/evaluation.json"
        let refused = try healthscore(["evaluate", "--data", data, "--test-as-of", "2026-08-31", "--out", out])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("the outcome of the test day 2026-08-31 is not known"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))

        // A failed report leaves the previous one as it was.
        let report = folder.write("report.html", "previous report")
        let failed = try healthscore(["report", "--data", data, "--train-as-of", "2026-05-31", "--test-as-of", "2026-06-30",
                                      "--out", report])
        XCTAssertNotEqual(failed.status, 0)
        XCTAssertTrue(failed.stderr.contains("pick a training day on or before 2026-04-01"), failed.stderr)
        XCTAssertEqual(contents(report), Data("previous report".utf8))

        let wrongType = try healthscore(["report", "--data", data, "--out", folder.path + "/report.txt"])
        XCTAssertNotEqual(wrongType.status, 0)
        XCTAssertTrue(wrongType.stderr.contains("end the file name in .html"), wrongType.stderr)
    }
}
