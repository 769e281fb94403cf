import Foundation
import TestSupport
import XCTest

/// train --survival, features --survival, score, kpis and evaluate through the real binary
/// on a simulated base.
final class SurvivalCommandTests: XCTestCase {
    /// One simulated base for every test of the class, removed once they have run.
    static let data: String = {
        let path = NSTemporaryDirectory() + "healthscore-survival-cli-" + UUID().uuidString
        let generated = try! healthscore(["generate", "--out", path, "--accounts", "400", "--seed", "7"])
        precondition(generated.status == 0, generated.stderr)
        return path
    }()

    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: data)
        super.tearDown()
    }

    func json(_ path: String) throws -> Any { try JSONSerialization.jsonObject(with: XCTUnwrap(contents(path))) }

    /// The exported account-month table, refitted by `healthscore fit`, gives the survival
    /// model's coefficients: the fit is a logistic regression on exactly those rows.
    func testTheAccountMonthTableRefitsToTheSurvivalModel() throws {
        let folder = TemporaryFolder()
        let model = folder.path + "/survival.json"
        let trained = try healthscore(["train", "--survival", "--l2", "0", "--data", Self.data, "--as-of", "2026-03-31",
                                       "--model", model])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        XCTAssertTrue(trained.stdout.contains("Trained a survival model on "), trained.stdout)
        XCTAssertTrue(trained.stdout.contains("clustered by"), "an unpenalised fit clusters by account")
        XCTAssertTrue(trained.stdout.contains("Survival model saved to \(model)"))

        let table = folder.path + "/account-months.csv"
        let exported = try healthscore(["features", "--survival", "--data", Self.data, "--as-of", "2026-03-31", "--out", table])
        XCTAssertEqual(exported.status, 0, exported.stderr)

        // Drop the identifying columns, fill missing cells with the column mean, as the model does.
        let lines = String(decoding: try XCTUnwrap(contents(table)), as: UTF8.self).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        XCTAssertEqual(Array(header.prefix(4)), ["account_id", "as_of", "tenure_months", "churned"])
        let keep = header.indices.filter { $0 >= 3 }
        let cells = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let means = keep.map { column -> Double in
            let values = cells.compactMap { Double($0[column]) }
            return values.reduce(0, +) / Double(values.count)
        }
        var filled = keep.map { header[$0] }.joined(separator: ",") + "\n"
        for row in cells {
            filled += zip(keep, means).map { column, mean in row[column].isEmpty ? String(mean) : row[column] }.joined(separator: ",") + "\n"
        }
        let refit = folder.write("filled.csv", filled)
        let fitted = try healthscore(["fit", "--table", refit, "--label", "churned", "--json"])
        XCTAssertEqual(fitted.status, 0, fitted.stderr)
        let fit = try JSONSerialization.jsonObject(with: Data(fitted.stdout.utf8)) as! [String: Any]
        var plain: [String: Double] = [:]
        for coefficient in fit["coefficients"] as! [[String: Any]] {
            plain[coefficient["name"] as! String] = coefficient["estimate"] as? Double
        }

        let survival = try json(model) as! [String: Any]
        XCTAssertEqual(survival["kind"] as? String, "discrete_time_hazard")
        var intercept = (survival["intercept"] as! [String: Any])["estimate"] as! Double
        var compared = 0
        for feature in survival["features"] as! [[String: Any]] {
            let estimate = (feature["coefficient"] as! [String: Any])["estimate"] as! Double
            let scale = feature["scale"] as! Double, center = feature["center"] as! Double
            let name = feature["name"] as! String
            XCTAssertEqual(estimate / scale, try XCTUnwrap(plain[name]), accuracy: 1e-6 * max(1, abs(estimate / scale)), name)
            intercept -= estimate * center / scale
            compared += 1
        }
        for period in (survival["tenure_periods"] as! [[String: Any]]).dropFirst() {
            let estimate = (period["coefficient"] as! [String: Any])["estimate"] as! Double
            XCTAssertEqual(estimate, try XCTUnwrap(plain[period["name"] as! String]), accuracy: 1e-6, period["name"] as! String)
            compared += 1
        }
        XCTAssertEqual(intercept, try XCTUnwrap(plain["intercept"]), accuracy: 1e-6 * max(1, abs(intercept)))
        XCTAssertEqual(compared + 1, plain.count, "every coefficient compared")
    }

    func testScoresKPIsAndTheCheckOfASurvivalModel() throws {
        let folder = TemporaryFolder()
        let model = folder.path + "/survival.json"
        XCTAssertEqual(try healthscore(["train", "--survival", "--data", Self.data, "--as-of", "2026-03-31", "--model", model]).status, 0)

        // Without discounting and at margin 1, lifetime value = MRR x expected lifetime.
        let scores = folder.path + "/scores.json"
        let scored = try healthscore(["score", "--data", Self.data, "--model", model, "--margin", "1", "--discount-rate", "0",
                                      "--out", scores])
        XCTAssertEqual(scored.status, 0, scored.stderr)
        XCTAssertTrue(scored.stdout.contains("MRR expected to leave within 90 days"), scored.stdout)
        XCTAssertTrue(scored.stdout.contains("(margin 1, not discounted)"), scored.stdout)
        let rows = try json(scores) as! [[String: Any]]
        XCTAssertGreaterThan(rows.count, 100)
        for row in rows {
            let p = ["30d", "90d", "180d", "365d"].map { row["churn_probability_\($0)"] as! Double }
            XCTAssertEqual(p, p.sorted(), "survival never rises with the horizon")
            XCTAssertEqual(row["churn_probability"] as? Double, p[1])
            if let mrr = row["mrr"] as? Double {
                XCTAssertEqual(row["lifetime_value"] as! Double, mrr * (row["expected_lifetime_months"] as! Double),
                               accuracy: 1e-9 * mrr)
            }
        }
        let csv = folder.path + "/scores.csv"
        XCTAssertEqual(try healthscore(["score", "--data", Self.data, "--model", model, "--out", csv]).status, 0)
        let header = String(decoding: try XCTUnwrap(contents(csv)), as: UTF8.self).split(separator: "\n")[0]
        XCTAssertTrue(header.hasSuffix(",horizon_days,churn_probability_30d,churn_probability_90d,churn_probability_180d,churn_probability_365d,expected_lifetime_months,lifetime_value,margin,discount_rate"))

        // The portfolio figures of the book at the period's end.
        let kpis = folder.path + "/kpis.json"
        let figures = try healthscore(["kpis", "--data", Self.data, "--model", model, "--out", kpis])
        XCTAssertEqual(figures.status, 0, figures.stderr)
        XCTAssertTrue(figures.stdout.contains("predicted lifetime value of the book"), figures.stdout)
        let lifetime = try XCTUnwrap((try json(kpis) as! [String: Any])["lifetime"] as? [String: Any])
        XCTAssertGreaterThan(lifetime["mrr_leaving_within_365_days"] as! Double, lifetime["mrr_leaving_within_90_days"] as! Double)
        XCTAssertGreaterThan(lifetime["lifetime_value"] as! Double, 0)

        // A churn model has no lifetime to give.
        let churn = folder.path + "/churn.json"
        XCTAssertEqual(try healthscore(["train", "--data", Self.data, "--as-of", "2026-03-31", "--model", churn]).status, 0)
        let refused = try healthscore(["kpis", "--data", Self.data, "--model", churn])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("is a churn model: --model for kpis takes a survival model"), refused.stderr)
        let noted = try healthscore(["score", "--data", Self.data, "--model", churn, "--margin", "0.8", "--out", folder.path + "/c.csv"])
        XCTAssertEqual(noted.status, 0)
        XCTAssertTrue(noted.stderr.contains("--margin and --discount-rate apply to survival models"), noted.stderr)
    }

    func testEvaluateChecksTheSurvivalModelAtEachKnownHorizon() throws {
        let folder = TemporaryFolder()
        let out = folder.path + "/evaluation.json"
        let result = try healthscore(["evaluate", "--survival", "--data", Self.data, "--train-as-of", "2025-12-31",
                                      "--test-as-of", "2026-03-31", "--folds", "0", "--out", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Survival model: a discrete-time hazard fitted on every month"), result.stdout)
        XCTAssertTrue(result.stdout.contains("survival model's 90-day AUC is"), result.stdout)
        let survival = try XCTUnwrap((try json(out) as! [String: Any])["survival"] as? [String: Any])
        let holdout = survival["holdout"] as! [String: Any]
        XCTAssertEqual(holdout["train_as_of"] as? String, "2025-12-31")
        XCTAssertEqual(holdout["test_as_of"] as? String, "2026-03-31")
        // The data ends on 2026-09-30: 30, 90 and 180 days are known after 2026-03-31, 365 is not.
        let horizons = holdout["horizons"] as! [[String: Any]]
        XCTAssertEqual(horizons.map { $0["days"] as! Int }, [30, 90, 180])
        for horizon in horizons {
            XCTAssertNotNil(horizon["auc_ci"])
            XCTAssertEqual((horizon["calibration"] as! [String: Any])["bins"].map { ($0 as! [Any]).count }, 10)
            XCTAssertNotNil(horizon["oe_z"])
        }
        XCTAssertNotNil(horizons[1]["churn_model_auc"], "compared with the churn model at its horizon")
        XCTAssertNotNil(horizons[1]["auc_difference"])
        XCTAssertNil(horizons[0]["churn_model_auc"])
    }

    func testSurvivalOptionsAreCheckedBeforeAnyWork() throws {
        let pooled = try healthscore(["train", "--survival", "--pool", "2", "--data", Self.data, "--as-of", "2026-03-31"])
        XCTAssertNotEqual(pooled.status, 0)
        XCTAssertTrue(pooled.stderr.contains("--survival pools every month of the history"), pooled.stderr)
        let tenure = try healthscore(["train", "--survival", "--features", "logins_30d,tenure_months", "--data", Self.data,
                                      "--as-of", "2026-03-31"])
        XCTAssertNotEqual(tenure.status, 0)
        XCTAssertTrue(tenure.stderr.contains("tenure periods"), tenure.stderr)
        let margin = try healthscore(["score", "--data", Self.data, "--margin", "1.5", "--out", "/tmp/never.csv"])
        XCTAssertNotEqual(margin.status, 0)
        XCTAssertTrue(margin.stderr.contains("--margin is a share of revenue between 0 and 1"), margin.stderr)
    }
}
