#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution, for Wald tests and confidence intervals.
package enum NormalDistribution {
    /// The 97.5% quantile, for two-sided 95% intervals (the value statsmodels and R use).
    package static let quantile975 = 1.959963984540054

    /// `P(|Z| >= |z|)`, computed as `erfc(|z| / sqrt 2)` so that tiny p-values keep their
    /// relative accuracy instead of rounding to 0 through `1 - Phi(|z|)`.
    package static func twoSidedPValue(_ z: Double) -> Double {
        guard !z.isNaN else { return .nan }
        return erfc(abs(z) / 2.0.squareRoot())
    }
}
