import Ingest
import Modeling
import XCTest
@testable import Evaluation

/// The text calls the model better than a baseline only when the paired DeLong interval
/// excludes 0; otherwise it says the two cannot be told apart, with the p-value.
final class ComparisonTextTests: XCTestCase {
    func holdout(model: [Double], logins: [Double], nps: [Double], rule: [Double], labels: [Double]) -> HoldoutResult {
        let mrr = Array(repeating: 100.0, count: labels.count)
        func result(_ method: ScoringMethod, _ risk: [Double]) -> MethodResult {
            MethodResult(method: method, risk: risk, probabilities: method.isProbabilistic ? risk : nil,
                         flagged: risk.map { $0 >= 0.5 }, flaggedTierName: "at_risk", labels: labels, mrr: mrr)
        }
        var methods = [result(.model, model), result(.loginsOnly, logins), result(.npsOnly, nps), result(.ruleScore, rule)]
        methods[0].checks = ModelChecks(probabilities: model, baselines: methods.dropFirst().map { ($0.method, $0.risk) },
                                        labels: labels)
        let none = Coefficient(estimate: 0, standardError: 0, z: 0, pValue: 1, lower95: 0, upper95: 0)
        let summary = TrainingSummary(accounts: 0, churned: 0, logLikelihood: 0, nullLogLikelihood: 0, deviance: 0, aic: 0,
                                      mcFaddenR2: 0, iterations: 0, converged: true, inSampleAUC: 0)
        let day = CalendarDay("2026-03-31")!
        return HoldoutResult(
            trainAsOf: day, trainingDays: [day], testAsOf: day, horizonDays: 90, trainAccounts: 0, trainChurned: 0,
            testAccounts: labels.count, testChurned: Int(labels.reduce(0, +)), testChurnedRevenue: 0, methods: methods,
            model: ChurnModel(asOf: day, horizonDays: 90, l2: 0, intercept: none, features: [], training: summary, leftOut: []),
            testScores: [], testLabels: labels)
    }

    func testAWinIsClaimedOnlyWhenTheIntervalExcludesZero() throws {
        var generator = SeededGenerator(seed: 3)
        let labels = (0..<400).map { _ in Double.random(in: 0..<1, using: &generator) < 0.2 ? 1.0 : 0.0 }
        // The model separates churners well; logins only nearly as well (the same signal with
        // a little noise); NPS only and the rule score not at all.
        let signal = labels.map { 1 / (1 + exp(-(2 * $0 - 1.5 + Double.random(in: -1...1, using: &generator)))) }
        let logins = signal.map { min(1, max(0, $0 + Double.random(in: -0.02...0.02, using: &generator))) }
        let nps = labels.map { _ in Double.random(in: 0..<1, using: &generator) }
        let rule = labels.map { _ in Double(Int.random(in: 0...100, using: &generator)) }
        let result = holdout(model: signal, logins: logins, nps: nps, rule: rule, labels: labels)

        let checks = try XCTUnwrap(result[.model].checks)
        let tied = try XCTUnwrap(checks.difference(from: .loginsOnly))
        XCTAssertFalse(tied.isSignificant, tied.text)
        XCTAssertTrue(try XCTUnwrap(checks.difference(from: .npsOnly)).isSignificant)
        XCTAssertTrue(try XCTUnwrap(checks.difference(from: .ruleScore)).isSignificant)

        let verdict = result.verdict
        XCTAssertTrue(verdict.contains("beats NPS only and rule score"), verdict)
        XCTAssertTrue(verdict.contains("is not distinguishable from logins only (\(Format.pValue(tied.pValue)))"), verdict)
        XCTAssertFalse(verdict.contains("beats every baseline"), verdict)
        XCTAssertTrue(result.comparisonText.contains("AUC with 95% DeLong interval: healthscore model"), result.comparisonText)
        XCTAssertTrue(result.comparisonText.contains("Model minus baseline (paired DeLong): logins only "), result.comparisonText)
    }

    func testCalibrationSentenceSaysWhatFailed() {
        let check = CalibrationCheck(probabilities: CalibrationCheckTests.probabilities, labels: CalibrationCheckTests.labels)
        XCTAssertEqual(check.text, "Calibration slope 0.28 (95% interval -0.35 to 0.92), 1 when right; calibration in the "
            + "large 0.62 (95% interval 0.02 to 1.21), 0 when right; 12.0 churners expected, 18 observed (z = 2.06): fails: "
            + "the predictions are too extreme, they predict too little churn, observed and expected churners differ "
            + "beyond chance.")
    }
}
