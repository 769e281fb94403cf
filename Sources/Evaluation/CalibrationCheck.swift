import Foundation
import Regression

/// An estimate with its 95% interval.
package struct IntervalEstimate: Sendable, Equatable, Encodable {
    package let estimate: Double
    package let lower: Double
    package let upper: Double

    package func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// Whether predicted probabilities mean what they say, as tests that can fail (the decile
/// table cannot: a constant prediction at the base rate passes it).
///
/// - Calibration slope: b in the logistic fit y ~ a + b logit(p). 1 when the predictions
///   spread as much as the outcomes do; below 1 they are too extreme (over-fitted), above
///   1 too timid.
/// - Calibration in the large: a in y ~ a + offset(logit(p)), the slope held at 1. 0 when
///   the predictions are right on average; above 0 they predict too little churn.
/// - Observed against expected churners: expected = sum of p, and
///   z = (observed - expected) / sqrt(sum p (1 - p)), the standardised gap if the
///   probabilities were true.
///
/// Both fits are unpenalised maximum likelihood with Wald 95% intervals, as statsmodels'
/// `Logit` and `GLM(..., offset=...)` give them. Probabilities are clipped to
/// [1e-15, 1 - 1e-15] before taking logits (`ProbabilityMetrics.clip`), so a prediction of
/// exactly 0 or 1 stays finite.
package struct CalibrationCheck: Sendable, Equatable {
    /// nil when the fit cannot be made (one class only, or outcomes separated by p).
    package let slope: IntervalEstimate?
    /// nil when the fit cannot be made (one class only).
    package let intercept: IntervalEstimate?
    package let observed: Int
    /// Sum of the probabilities.
    package let expected: Double
    /// nil when every probability is 0 or 1.
    package let oeZ: Double?

    package init(probabilities: [Double], labels: [Double]) {
        precondition(probabilities.count == labels.count, "one probability per label")
        let logits = probabilities.map(Self.logit)
        let ones = [Double](repeating: 1, count: logits.count)
        let slopeFit = try? LogisticRegression().fit(
            DesignMatrix(columns: [ones, logits], names: [DesignMatrix.interceptName, "logit_p"]), labels: labels)
        slope = slopeFit.map { IntervalEstimate(estimate: $0.coefficients[1], lower: $0.lower95[1], upper: $0.upper95[1]) }
        let largeFit = try? LogisticRegression().fit(
            DesignMatrix(columns: [ones], names: [DesignMatrix.interceptName]), labels: labels, offset: logits)
        intercept = largeFit.map { IntervalEstimate(estimate: $0.coefficients[0], lower: $0.lower95[0], upper: $0.upper95[0]) }

        observed = labels.filter { $0 == 1 }.count
        expected = probabilities.reduce(0, +)
        let variance = probabilities.reduce(0) { $0 + $1 * (1 - $1) }
        oeZ = variance > 0 ? (Double(observed) - expected) / variance.squareRoot() : nil
    }

    /// z beyond which observed and expected churners disagree at the 5% level.
    package static let criticalZ = 1.959963984540054

    /// Every check passes: the slope's interval holds 1, the intercept's holds 0, and the
    /// observed count lies within 1.96 standard deviations of the expected one. A check
    /// that could not be computed does not pass.
    package var passes: Bool {
        guard let slope, let intercept, let oeZ else { return false }
        return slope.contains(1) && intercept.contains(0) && abs(oeZ) <= Self.criticalZ
    }

    /// log(p / (1 - p)) of the clipped probability.
    static func logit(_ p: Double) -> Double {
        let q = min(max(p, ProbabilityMetrics.clip), 1 - ProbabilityMetrics.clip)
        return log(q) - log1p(-q)
    }
}
