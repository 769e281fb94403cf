import Foundation

/// `1 / (1 + exp(-x))` without overflow for large |x|: the one logistic function of
/// healthscore, for the fitter's likelihood and for scoring alike, so that a score and
/// the fit that produced its model agree to the last bit.
@inlinable
package func logistic(_ x: Double) -> Double {
    let e = exp(-abs(x))
    return x >= 0 ? 1 / (1 + e) : e / (1 + e)
}
