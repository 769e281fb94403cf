import Regression
import XCTest

/// Ridge-penalised fits on the Spector data with the intercept unpenalised.
///
/// References from scripts/reference_values.py (scipy 1.17.1): the objective
///     f(b) = -[sum y*eta - logaddexp(0, eta)] + lam/2 * sum(b[1:]**2),   eta = X b
/// minimised by `scipy.optimize.minimize(f, zeros(4), jac=grad, hess=hess,
/// method="trust-exact", options={"gtol": 1e-13})`, then, because changes in f stop
/// resolving below a gradient norm of about 1e-7, polished on the gradient equations
/// with `scipy.optimize.root(grad, x, jac=hess, method="hybr", tol=1e-15)` to a gradient
/// norm below 1e-12 (9.0e-15 for lam = 1, 4.4e-14 for lam = 10). Standard errors:
/// sqrt(diag(inv(X'WX + lam * diag(0, 1, 1, 1)))).
final class PenalisedFitTests: XCTestCase {
    private func fit(l2: Double) throws -> LogisticFit {
        try LogisticRegression(l2: l2).fit(ReferenceData.spector,
                                           labels: ReferenceData.spectorGrade)
    }

    func testLambdaOneMatchesScipy() throws {
        let fit = try fit(l2: 1)
        assertRelative(fit.coefficients, [
            -7.949012046076751, 1.210087428883724, 0.130151913856947, 1.1621444812512678,
        ], 1e-6, "params")
        assertRelative(fit.standardErrors, [
            3.224145435699255, 0.6917291495954835, 0.12335397632350731, 0.6411617374882859,
        ], 1e-6, "se")
        assertRelative(fit.logLikelihood, -14.37114345191087, 1e-6, "unpenalised loglik")
        XCTAssertEqual(fit.penalized, [false, true, true, true])
        XCTAssertEqual(fit.l2, 1)
    }

    func testLambdaTenMatchesScipy() throws {
        let fit = try fit(l2: 10)
        assertRelative(fit.coefficients, [
            -5.027559134504823, 0.23854925835785426, 0.15742805604822924, 0.2535347672138131,
        ], 1e-6, "params")
        assertRelative(fit.standardErrors, [
            2.5660507192925195, 0.2979390018424804, 0.10885252637739687, 0.29315637172361986,
        ], 1e-6, "se")
        assertRelative(fit.logLikelihood, -17.730879994496004, 1e-6, "unpenalised loglik")
    }

    /// At the penalised maximum the score equations read X'(y - mu) = lambda * b for
    /// penalised columns and X'(y - mu) = 0 for the intercept.
    func testPenalisedScoreEquationHolds() throws {
        let design = ReferenceData.spector
        let labels = ReferenceData.spectorGrade
        for lambda in [1.0, 10.0] {
            let fit = try fit(l2: lambda)
            let mu = fit.predictProbabilities(design)
            for j in 0..<design.columns {
                let score = zip(design.column(j), zip(labels, mu))
                    .reduce(0) { $0 + $1.0 * ($1.1.0 - $1.1.1) }
                let expected = j == 0 ? 0 : lambda * fit.coefficients[j]
                XCTAssertEqual(score, expected, accuracy: 1e-9,
                               "lambda \(lambda), column \(design.names[j])")
            }
        }
    }

    /// Shrinkage: the length of the penalised coefficient vector falls as lambda grows
    /// (single coefficients need not: TUCE grows while GPA and PSI shrink).
    func testPenaltyShrinksPenalisedCoefficients() throws {
        let lengths = try [0.0, 1, 10, 100].map { lambda in
            try fit(l2: lambda).coefficients.dropFirst().reduce(0) { $0 + $1 * $1 }
        }
        XCTAssertEqual(lengths, lengths.sorted(by: >))
        XCTAssertEqual(Set(lengths).count, 4)
    }

    /// An explicit mask overrides the default: penalising nothing is the plain fit.
    func testPenalisingNoColumnIsMaximumLikelihood() throws {
        let fit = try LogisticRegression(l2: 5).fit(
            ReferenceData.spector, labels: ReferenceData.spectorGrade,
            penalized: [false, false, false, false])
        assertRelative(fit.coefficients, [
            -13.021346858115693, 2.8261125948893224, 0.09515766131790926, 2.3786876550933544,
        ], 1e-8, "params")
    }
}
