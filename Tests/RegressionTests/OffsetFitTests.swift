import Regression
import XCTest

/// Fits with an offset (a term whose coefficient is fixed at 1), against statsmodels 0.15.0
/// `sm.GLM(y, X, family=sm.families.Binomial(), offset=0.8 * GPA - 3).fit(tol=1e-13)` on the
/// Spector data, printed with repr() by scripts/honest_numbers_reference.py.
final class OffsetFitTests: XCTestCase {
    var offset: [Double] { ReferenceData.spectorGPA.map { 0.8 * $0 - 3 } }

    /// The fit behind calibration in the large: y ~ a + offset.
    func testInterceptWithOffset() throws {
        let design = DesignMatrix(columns: [Array(repeating: 1, count: 32)], names: ["intercept"])
        let fit = try LogisticRegression().fit(design, labels: ReferenceData.spectorGrade, offset: offset)
        assertRelative(fit.coefficients, [-0.16067166481573256], 1e-8, "params")
        assertRelative(fit.standardErrors, [0.3778088622705855], 1e-8, "bse")
        assertRelative(fit.logLikelihood, -18.29837910839027, 1e-10, "llf")
    }

    func testCoefficientsWithOffset() throws {
        let design = DesignMatrix.withIntercept(features: [ReferenceData.spectorTUCE, ReferenceData.spectorPSI],
                                                names: ["TUCE", "PSI"])
        let fit = try LogisticRegression().fit(design, labels: ReferenceData.spectorGrade, offset: offset)
        assertRelative(fit.coefficients, [-4.764493838511392, 0.1601576656378225, 1.9786010421738807], 1e-8, "params")
        assertRelative(fit.standardErrors, [3.035828316524244, 0.12716312197534918, 0.8906706046818886], 1e-8, "bse")
        assertRelative(fit.logLikelihood, -14.512235514378446, 1e-10, "llf")

        // Predictions add the offset back: the fitted probabilities meet the score equations,
        // so they sum to the number of events.
        let probabilities = fit.predictProbabilities(design, offset: offset)
        XCTAssertEqual(probabilities.reduce(0, +), 11, accuracy: 1e-9)
    }

    /// A zero offset is no offset.
    func testZeroOffsetChangesNothing() throws {
        let plain = try LogisticRegression().fit(ReferenceData.spector, labels: ReferenceData.spectorGrade)
        let zero = try LogisticRegression().fit(ReferenceData.spector, labels: ReferenceData.spectorGrade,
                                                offset: Array(repeating: 0, count: 32))
        assertRelative(zero.coefficients, plain.coefficients, 1e-12, "params")
        assertRelative(zero.standardErrors, plain.standardErrors, 1e-12, "bse")
    }

    func testNonFiniteOffsetIsRefused() {
        var offset = self.offset
        offset[4] = -.infinity
        let design = DesignMatrix(columns: [Array(repeating: 1, count: 32)], names: ["intercept"])
        XCTAssertThrowsError(try LogisticRegression().fit(design, labels: ReferenceData.spectorGrade, offset: offset)) {
            XCTAssertEqual($0 as? FitError, .nonFinite(row: 4, column: "offset"))
        }
    }
}
