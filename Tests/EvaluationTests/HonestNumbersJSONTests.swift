import Foundation
import DataSources
import Ingest
import Jobs
import Simulation
import TestSupport
import XCTest
@testable import Evaluation

/// What `evaluate --out` writes for the uncertainty of each comparison and the calibration
/// checks must equal a computation made apart from healthscore's code, from the same
/// scores of the same test accounts: DeLong pair by pair (`BruteForceDeLong`) and the
/// calibration fits by a Newton iteration written out here.
final class HonestNumbersJSONTests: XCTestCase {
    func testJSONEqualsAnIndependentComputationFromTheScores() throws {
        let folder = TemporaryFolder()
        var config = SimulationConfig()
        config.accounts = 1_200
        config.seed = 16
        _ = try CustomerBaseSimulator.generate(config, into: URL(fileURLWithPath: folder.path, isDirectory: true))
        let dataset = try DatasetFolder(path: folder.path)
        let plan = try EvaluationPlan.make(dataEnd: config.end, horizonDays: 90, train: CalendarDay("2025-12-31")!,
                                           test: CalendarDay("2026-03-31")!, folds: 0)
        let evaluation = try EvaluateJob(plan: plan, check: HoldoutCheck()).run(dataset).result
        let holdout = evaluation.holdout
        let json = try JSONSerialization.jsonObject(with: evaluation.jsonData()) as! [String: Any]
        let methods = (json["holdout"] as! [String: Any])["methods"] as! [[String: Any]]
        let labels = holdout.testLabels

        // The scores the figures are computed from: the model's are its test-day probabilities.
        let risks = holdout.methods.map(\.risk)
        XCTAssertEqual(risks[0], holdout.testScores.map(\.churnProbability))
        let reference = BruteForceDeLong(scores: risks, labels: labels)
        let k = risks.count
        for (index, entry) in methods.enumerated() {
            let interval = try XCTUnwrap(entry["auc_ci"] as? [String: Double], "\(entry["method"]!)")
            let sd = reference.covariance[index * (k + 1)].squareRoot()
            assertClose(try XCTUnwrap(interval["lower"]), max(0, reference.aucs[index] - 1.959963984540054 * sd), 1e-9)
            assertClose(try XCTUnwrap(interval["upper"]), min(1, reference.aucs[index] + 1.959963984540054 * sd), 1e-9)
        }
        XCTAssertNil(methods[1]["auc_difference"], "only the model's entry compares")

        let model = methods[0]
        let differences = try XCTUnwrap(model["auc_difference"] as? [String: [String: Double]])
        XCTAssertEqual(Set(differences.keys), ["logins_only", "nps_only", "rule_score"])
        for b in 1..<k {
            let entry = try XCTUnwrap(differences[holdout.methods[b].method.rawValue])
            let difference = reference.aucs[0] - reference.aucs[b]
            let sd = (reference.covariance[0] + reference.covariance[b * (k + 1)] - 2 * reference.covariance[b]).squareRoot()
            assertClose(try XCTUnwrap(entry["difference"]), difference, 1e-9)
            assertClose(try XCTUnwrap(entry["lower"]), difference - 1.959963984540054 * sd, 1e-9)
            assertClose(try XCTUnwrap(entry["upper"]), difference + 1.959963984540054 * sd, 1e-9)
            assertClose(try XCTUnwrap(entry["p_value"]), erfc(abs(difference / sd) / 2.0.squareRoot()), 1e-9)
        }

        let p = risks[0]
        let logits = p.map { log($0 / (1 - $0)) }
        let slope = TwoParameterLogit(x: logits, offset: nil, labels: labels)
        let large = TwoParameterLogit(x: nil, offset: logits, labels: labels)
        let slopeJSON = try XCTUnwrap(model["calibration_slope"] as? [String: Double])
        assertClose(try XCTUnwrap(slopeJSON["estimate"]), slope.coefficients[1], 1e-8)
        assertClose(try XCTUnwrap(slopeJSON["lower"]), slope.coefficients[1] - 1.959963984540054 * slope.standardErrors[1], 1e-8)
        assertClose(try XCTUnwrap(slopeJSON["upper"]), slope.coefficients[1] + 1.959963984540054 * slope.standardErrors[1], 1e-8)
        let interceptJSON = try XCTUnwrap(model["calibration_intercept"] as? [String: Double])
        assertClose(try XCTUnwrap(interceptJSON["estimate"]), large.coefficients[0], 1e-8)
        assertClose(try XCTUnwrap(interceptJSON["lower"]), large.coefficients[0] - 1.959963984540054 * large.standardErrors[0], 1e-8)
        assertClose(try XCTUnwrap(interceptJSON["upper"]), large.coefficients[0] + 1.959963984540054 * large.standardErrors[0], 1e-8)

        let observed = labels.filter { $0 == 1 }.count
        let expected = p.reduce(0, +)
        XCTAssertEqual(model["observed"] as? Int, observed)
        assertClose(try XCTUnwrap(model["expected"] as? Double), expected)
        assertClose(try XCTUnwrap(model["oe_z"] as? Double),
                    (Double(observed) - expected) / p.reduce(0) { $0 + $1 * (1 - $1) }.squareRoot())
        // The fields that were there before stay.
        for key in ["auc", "log_loss", "brier_score", "calibration", "flagged_tier", "capture"] {
            XCTAssertNotNil(model[key], key)
        }
    }
}

/// Logistic regression of y on an intercept and at most one predictor x, or on an
/// intercept with an offset, by plain Newton steps on the 1x1 or 2x2 information matrix:
/// written apart from the package's fitter, for the tests.
struct TwoParameterLogit {
    var coefficients: [Double]
    var standardErrors: [Double]

    init(x: [Double]?, offset: [Double]?, labels: [Double]) {
        var a = 0.0, b = 0.0
        var information = (0.0, 0.0, 0.0)
        for _ in 0..<100 {
            var score = (0.0, 0.0)
            information = (0, 0, 0)
            for i in labels.indices {
                let xi = x?[i] ?? 0
                let mu = 1 / (1 + exp(-(a + b * xi + (offset?[i] ?? 0))))
                let w = mu * (1 - mu)
                score.0 += labels[i] - mu
                score.1 += (labels[i] - mu) * xi
                information.0 += w
                information.1 += w * xi
                information.2 += w * xi * xi
            }
            if x == nil {
                a += score.0 / information.0
            } else {
                let determinant = information.0 * information.2 - information.1 * information.1
                a += (information.2 * score.0 - information.1 * score.1) / determinant
                b += (information.0 * score.1 - information.1 * score.0) / determinant
            }
        }
        if x == nil {
            coefficients = [a]
            standardErrors = [(1 / information.0).squareRoot()]
        } else {
            let determinant = information.0 * information.2 - information.1 * information.1
            coefficients = [a, b]
            standardErrors = [(information.2 / determinant).squareRoot(), (information.0 / determinant).squareRoot()]
        }
    }
}
