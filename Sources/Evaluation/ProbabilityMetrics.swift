import Foundation

/// How close predicted probabilities came to what happened, account by account.
/// Both are means over the accounts, lower is better, and both need probabilities:
/// a rule score on a 0-100 scale has neither.
package enum ProbabilityMetrics {
    /// Probabilities are clipped to [1e-15, 1 - 1e-15] before taking logs, so one
    /// certain-but-wrong prediction costs a large, finite amount (scikit-learn's convention).
    package static let clip = 1e-15

    /// Mean of -[y ln p + (1 - y) ln(1 - p)], natural log. Predicting the base rate for
    /// everyone scores the entropy of the base rate (0.35 at 11% churn); a model must beat that.
    /// Nil for an empty test set.
    package static func logLoss(probabilities: [Double], labels: [Double]) -> Double? {
        guard !probabilities.isEmpty else { return nil }
        var total = 0.0
        for (p, y) in zip(probabilities, labels) {
            let q = min(max(p, clip), 1 - clip)
            total -= y == 1 ? log(q) : log(1 - q)
        }
        return total / Double(probabilities.count)
    }

    /// Mean of (p - y)^2: 0 is perfect; predicting the base rate b for everyone scores
    /// b(1 - b) (0.098 at 11% churn). Nil for an empty test set.
    package static func brierScore(probabilities: [Double], labels: [Double]) -> Double? {
        guard !probabilities.isEmpty else { return nil }
        var total = 0.0
        for (p, y) in zip(probabilities, labels) { total += (p - y) * (p - y) }
        return total / Double(probabilities.count)
    }
}
