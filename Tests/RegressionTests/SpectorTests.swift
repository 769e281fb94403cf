import Regression
import XCTest

/// GRADE ~ GPA + TUCE + PSI on the Spector & Mazzeo (1980) data.
final class SpectorTests: XCTestCase {
    private func fitSpector() throws -> LogisticFit {
        try LogisticRegression().fit(ReferenceData.spector, labels: ReferenceData.spectorGrade)
    }

    /// Stata's results, as checked by statsmodels' own test suite
    /// (statsmodels/discrete/tests/results/results_discrete.py, `Spector.logit`).
    /// Tolerance 1e-5 relative: Stata prints six significant digits (rounding alone is
    /// up to 4e-6 relative, e.g. -13.0213) and held GPA in single precision (about 1e-6).
    func testMatchesStata() throws {
        let fit = try fitSpector()
        assertRelative(fit.coefficients, [-13.0213, 2.82611, 0.0951577, 2.37869], 1e-5, "coef")
        assertRelative(fit.standardErrors, [4.93132, 1.26294, 0.141554, 1.06456], 1e-5, "se")
        assertRelative(fit.logLikelihood, -12.8896, 1e-5, "log-likelihood")
    }

    /// statsmodels 0.15.0 `sm.Logit(y, X).fit(method="newton", tol=1e-12)`, printed with
    /// repr() by scripts/reference_values.py. Both fits solve the same equations in
    /// double precision, so they agree to about 1e-12; 1e-8 leaves room for a different
    /// BLAS summation order and statsmodels' own stopping point.
    func testMatchesStatsmodels() throws {
        let fit = try fitSpector()
        XCTAssertEqual(fit.names, ["intercept", "GPA", "TUCE", "PSI"])
        assertRelative(fit.coefficients, [
            -13.021346858115693, 2.8261125948893224, 0.09515766131790926, 2.3786876550933544,
        ], 1e-8, "params")
        assertRelative(fit.standardErrors, [
            4.931324213602793, 1.2629410756291015, 0.14155420567369387, 1.0645642544971354,
        ], 1e-8, "bse")
        assertRelative(fit.zValues, [
            -2.6405375704556207, 2.2377232393693167, 0.6722347871264496, 2.23442375135634,
        ], 1e-8, "tvalues")
        assertRelative(fit.pValues, [
            0.00827746143548868, 0.025239108802565257, 0.5014342380819201, 0.025455204361278714,
        ], 1e-8, "pvalues")
        assertRelative(fit.lower95, [
            -22.686564712867472, 0.35079357206000683, -0.18228348366270608, 0.29218005705023664,
        ], 1e-8, "conf_int lower")
        assertRelative(fit.upper95, [
            -3.3561290033639146, 5.301431617718638, 0.3725988062985246, 4.465195253136472,
        ], 1e-8, "conf_int upper")
        assertRelative(fit.logLikelihood, -12.889634222131416, 1e-8, "llf")
        assertRelative(fit.nullLogLikelihood, -20.591729696634204, 1e-8, "llnull")
        assertRelative(fit.aic, 33.77926844426283, 1e-8, "aic")
        assertRelative(fit.mcFaddenR2, 0.3740382953726187, 1e-8, "prsquared")
        assertRelative(fit.deviance, 2 * 12.889634222131416, 1e-8, "deviance")
        assertRelative(fit.nullDeviance, 2 * 20.591729696634204, 1e-8, "null deviance")
        XCTAssertTrue(fit.converged)
        XCTAssertEqual(fit.observations, 32)
        XCTAssertEqual(fit.events, 11)
        XCTAssertEqual(fit.l2, 0)
    }

    /// The covariance is symmetric (dpotri fills one triangle) and its diagonal gives
    /// the standard errors.
    func testCovarianceIsSymmetricWithStandardErrorsOnTheDiagonal() throws {
        let fit = try fitSpector()
        let p = fit.names.count
        for i in 0..<p {
            assertRelative(fit.covariance[i * (p + 1)].squareRoot(), fit.standardErrors[i],
                           1e-15, "diagonal \(i)")
            for j in 0..<i {
                XCTAssertEqual(fit.covariance[i + j * p], fit.covariance[j + i * p],
                               "covariance[\(i), \(j)]")
                XCTAssertNotEqual(fit.covariance[i + j * p], 0, "covariance[\(i), \(j)]")
            }
        }
    }

    /// Rescaling a predictor rescales its coefficient and nothing else: the fit must not
    /// depend on units (GPA on a 0-4000 scale).
    func testRescaledPredictorGivesRescaledCoefficient() throws {
        let scaled = DesignMatrix.withIntercept(
            features: [ReferenceData.spectorGPA.map { $0 * 1000 }, ReferenceData.spectorTUCE,
                       ReferenceData.spectorPSI],
            names: ["GPA", "TUCE", "PSI"])
        let fit = try LogisticRegression().fit(scaled, labels: ReferenceData.spectorGrade)
        assertRelative(fit.coefficients, [
            -13.021346858115693, 2.8261125948893224e-3, 0.09515766131790926, 2.3786876550933544,
        ], 1e-8, "params")
        assertRelative(fit.zValues, [
            -2.6405375704556207, 2.2377232393693167, 0.6722347871264496, 2.23442375135634,
        ], 1e-8, "tvalues")
    }
}
