import Regression
import XCTest

/// Fits on further package data sets against statsmodels 0.15.0
/// `sm.Logit(y, X).fit(method="newton", tol=1e-12)`, printed with repr() by
/// scripts/reference_values.py. Tolerance 1e-7 relative.
final class PublicDataTests: XCTestCase {
    /// mtcars, am ~ hp + wt. R 4.x `glm(am ~ hp + wt, family = binomial, data = mtcars)`
    /// prints the same estimates to its five decimals: 18.86630, 0.03626, -8.08348,
    /// residual deviance 10.059, AIC 16.059.
    func testMtcars() throws {
        let fit = try LogisticRegression().fit(ReferenceData.mtcars,
                                               labels: ReferenceData.mtcarsManual)
        assertRelative(fit.coefficients, [
            18.866298717204156, 0.03625559608221661, -8.08347518244465,
        ], 1e-7, "params")
        assertRelative(fit.standardErrors, [
            7.443558427981872, 0.017734154331947173, 3.0686752753906497,
        ], 1e-7, "bse")
        assertRelative(fit.zValues, [
            2.534580590686552, 2.044393851749897, -2.6341904753723426,
        ], 1e-7, "tvalues")
        assertRelative(fit.pValues, [
            0.01125820274076457, 0.04091465421038584, 0.008433816061292324,
        ], 1e-7, "pvalues")
        assertRelative(fit.logLikelihood, -5.029555236133495, 1e-7, "llf")
        assertRelative(fit.nullLogLikelihood, -21.614866638844596, 1e-7, "llnull")
        assertRelative(fit.aic, 16.05911047226699, 1e-7, "aic")
        assertRelative(fit.deviance, 10.059110472266990, 1e-7, "deviance")
        XCTAssertEqual(fit.events, 13)
    }

    /// Fair (1978), affair ~ rate_marriage + age + yrs_married + children + religious +
    /// educ + occupation + occupation_husb; 6366 rows, so X'WX is accumulated over
    /// several cache-sized slabs.
    func testFairAffairs() throws {
        let (design, labels) = try ReferenceData.fair()
        XCTAssertEqual(design.rows, 6366)
        let fit = try LogisticRegression().fit(design, labels: labels)
        XCTAssertEqual(fit.names, ["intercept", "rate_marriage", "age", "yrs_married",
                                   "children", "religious", "educ", "occupation",
                                   "occupation_husb"])
        assertRelative(fit.coefficients, [
            3.7257198665632134, -0.716107105080223, -0.060487680696682755,
            0.11001794098251455, -0.004233226192910865, -0.37515765268394125,
            -0.03921920406493823, 0.1602338331908199, 0.01240081890626185,
        ], 1e-7, "params")
        assertRelative(fit.standardErrors, [
            0.2987633674653944, 0.03143061748221155, 0.010277984065964696,
            0.010942929089994459, 0.031613975422027915, 0.03476334834838141,
            0.015480384967537083, 0.033970887361805376, 0.022925541840023534,
        ], 1e-7, "bse")
        assertRelative(fit.pValues, [
            1.0818489853852516e-35, 6.646308912819912e-115, 3.9764570200450095e-09,
            8.839824301115105e-24, 0.893478776683321, 3.765160250469015e-27,
            0.011293705167275734, 2.3958466889125653e-06, 0.5885646848917045,
        ], 1e-7, "pvalues")
        assertRelative(fit.logLikelihood, -3471.4714230566797, 1e-7, "llf")
        assertRelative(fit.nullLogLikelihood, -4002.529966093567, 1e-7, "llnull")
        assertRelative(fit.mcFaddenR2, 0.132680716330825, 1e-7, "prsquared")
        XCTAssertEqual(fit.events, 2053)
    }
}
