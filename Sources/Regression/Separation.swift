#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Recognises (quasi-)perfect separation, where the likelihood increases forever along
/// some direction of the coefficients and has no finite maximum.
enum Separation {
    /// A fitted probability closer than this to 0 or 1 counts as "numerically 0 or 1".
    /// Along a diverging direction Newton's method adds about one unit to those rows' eta
    /// per step, so they pass this mark (|eta| > 18.4) within about 20 steps, while a
    /// fit that converges normally stops long before; only fits that failed to converge
    /// are examined, so an honest but extreme prediction is never reported.
    static let saturationProbability = 1e-8

    /// True when every row is already on the right side of the decision boundary
    /// (`eta > 0` exactly for label 1). Then scaling the coefficients up raises the
    /// likelihood without bound: complete separation, whatever happens next.
    static func isComplete(eta: [Double], labels: [Double]) -> Bool {
        eta.withUnsafeBufferPointer { eta in
            labels.withUnsafeBufferPointer { y in
                for i in 0..<eta.count where (y[i] == 1) != (eta[i] > 0) || eta[i] == 0 {
                    return false
                }
                return true
            }
        }
    }

    /// Classifies a fit that failed: separation when some rows are predicted with
    /// probability numerically 0 or 1 and every one of them correctly (the signature of
    /// coefficients running off to infinity), otherwise non-convergence.
    static func diagnose(eta: [Double], labels: [Double], iterations: Int,
                         divergingColumn: String?) -> FitError {
        // |eta| beyond which logistic(eta) is within saturationProbability of 0 or 1.
        let threshold = log((1 - saturationProbability) / saturationProbability)
        var saturated = 0, misclassified = 0
        for (value, label) in zip(eta, labels) where abs(value) > threshold {
            saturated += 1
            if (label == 1) != (value > 0) { misclassified += 1 }
        }
        if saturated > 0, misclassified == 0 {
            return .separation(column: divergingColumn, observations: saturated)
        }
        return .didNotConverge(iterations: iterations)
    }
}
