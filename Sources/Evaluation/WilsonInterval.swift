/// The Wilson score interval for a proportion: the range of true rates that the observed
/// count does not rule out at 95%.
///
/// Chosen over the textbook p +/- 1.96 sqrt(p(1-p)/n) because it stays inside [0, 1] and
/// does not collapse to a point when a decile has no churner at all, which is common.
/// A rate p0 lies inside the interval exactly when the observed rate lies within
/// p0 +/- 1.96 sqrt(p0(1-p0)/n), the band a correct prediction p0 would produce: so
/// "predicted inside the interval" is the same as "observed inside the band of the prediction".
package struct WilsonInterval: Sendable, Equatable, Encodable {
    package let lower: Double
    package let upper: Double

    /// The two-sided 95% normal quantile.
    package static let z95 = 1.959963984540054

    /// Nil when there are no trials.
    package init?(successes: Int, trials: Int, z: Double = WilsonInterval.z95) {
        guard trials > 0 else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let center = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        lower = max(0, center - half)
        upper = min(1, center + half)
    }

    package func contains(_ rate: Double) -> Bool { rate >= lower && rate <= upper }
}
