import XCTest
@testable import Evaluation

/// Calibration checks that can fail, against statsmodels 0.15.0 on 60 made-up predictions
/// (printed, with the values below, by scripts/honest_numbers_reference.py: the true
/// log-odds are 0.25 + 0.6 x the stated ones, so the predictions are too extreme and too low).
final class CalibrationCheckTests: XCTestCase {
    static let probabilities = [
        0.1635, 0.2226, 0.0892, 0.0377, 0.4369, 0.2691, 0.1777, 0.2169, 0.0647, 0.3034, 0.4038, 0.1192, 0.1056,
        0.034, 0.1732, 0.1117, 0.0571, 0.3367, 0.2366, 0.7509, 0.1012, 0.2379, 0.0871, 0.0995, 0.1139, 0.0711,
        0.0719, 0.1686, 0.3998, 0.0897, 0.1451, 0.3201, 0.1625, 0.139, 0.0877, 0.292, 0.0987, 0.1683, 0.1491,
        0.0537, 0.2043, 0.4052, 0.2536, 0.2803, 0.1299, 0.1505, 0.1021, 0.2795, 0.1241, 0.5368, 0.1568, 0.4525,
        0.1256, 0.034, 0.1284, 0.3873, 0.3354, 0.2018, 0.2291, 0.1211,
    ]
    static let labels: [Double] = [
        1, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1,
    ]

    func testAgainstStatsmodels() throws {
        let check = CalibrationCheck(probabilities: Self.probabilities, labels: Self.labels)
        // sm.Logit(y, np.column_stack([np.ones(60), logit(p)])).fit(method="newton", tol=1e-12):
        // params[1], conf_int()[1].
        let slope = try XCTUnwrap(check.slope)
        assertClose(slope.estimate, 0.28392014776151636, 1e-8)
        assertClose(slope.lower, -0.35154031364635635, 1e-8)
        assertClose(slope.upper, 0.919380609169389, 1e-8)
        // sm.GLM(y, np.ones((60, 1)), family=sm.families.Binomial(), offset=logit(p)).fit(tol=1e-13):
        // params[0], conf_int()[0].
        let intercept = try XCTUnwrap(check.intercept)
        assertClose(intercept.estimate, 0.6162345314657057, 1e-8)
        assertClose(intercept.lower, 0.023057751528270387, 1e-8)
        assertClose(intercept.upper, 1.209411311403141, 1e-8)
        // (y.sum() - p.sum()) / sqrt((p * (1 - p)).sum())
        XCTAssertEqual(check.observed, 18)
        assertClose(check.expected, 12.005700000000001)
        assertClose(try XCTUnwrap(check.oeZ), 2.05959267515987, 1e-12)
        // Slope below 1 and intercept above 0, both outside their intervals: the check fails.
        XCTAssertFalse(check.passes)
    }

    /// The predictions the outcomes were drawn from pass; a constant prediction at the
    /// base rate, which the decile table calls honest, has no slope to show.
    func testTrueProbabilitiesPassAndAConstantCannotShowASlope() {
        var generator = SeededGenerator(seed: 7)
        let truth = (0..<4_000).map { _ in 1 / (1 + exp(-Double.random(in: -4...1, using: &generator))) }
        let labels = truth.map { Double.random(in: 0..<1, using: &generator) < $0 ? 1.0 : 0.0 }
        let honest = CalibrationCheck(probabilities: truth, labels: labels)
        XCTAssertTrue(honest.passes, "\(honest)")

        let rate = labels.reduce(0, +) / Double(labels.count)
        let constant = CalibrationCheck(probabilities: Array(repeating: rate, count: labels.count), labels: labels)
        XCTAssertNil(constant.slope, "logit(p) is constant: collinear with the intercept")
        XCTAssertFalse(constant.passes)

        // Twice the true odds: the intercept says so.
        let doubled = truth.map { 2 * $0 / (1 + $0) }
        let overstated = CalibrationCheck(probabilities: doubled, labels: labels)
        XCTAssertLessThan(try XCTUnwrap(overstated.intercept).upper, 0)
        XCTAssertFalse(overstated.passes)
    }
}
