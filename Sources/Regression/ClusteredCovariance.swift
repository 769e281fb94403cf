/// Why cluster-robust standard errors cannot be given for a fit.
package enum ClusteringError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The fit carried a ridge penalty: the sandwich estimator assumes the estimate solves
    /// the unpenalised score equations, so its intervals would not mean what they say.
    case penalised(l2: Double)
    /// Fewer than two clusters: the spread between clusters cannot be measured.
    case tooFewClusters(count: Int)
    /// No more rows than coefficients, so the factor (N - 1) / (N - K) is undefined.
    case tooFewObservations(observations: Int, coefficients: Int)

    package var description: String {
        switch self {
        case let .penalised(l2):
            return "clustered standard errors need an unpenalised fit, but this one has l2 = \(l2); "
                + "refit with l2 = 0 for inference."
        case let .tooFewClusters(count):
            return "clustered standard errors need at least two clusters, but the rows form \(count)."
        case let .tooFewObservations(observations, coefficients):
            return "clustered standard errors need more rows (\(observations)) than coefficients "
                + "(\(coefficients))."
        }
    }
}

/// Wald inference for an unpenalised logistic fit whose rows come in clusters that are
/// not independent, such as one account on several pooled days.
///
/// The covariance is the cluster-robust sandwich
///
///     V_c = c * H^-1 B H^-1,   B = sum_g s_g s_g',   s_g = sum_{i in g} x_i (y_i - mu_i),
///     c = G / (G - 1) * (N - 1) / (N - K),
///
/// with `H^-1` the fit's model-based covariance (the inverse information), G clusters, N
/// rows and K coefficients. The factor `c` is the small-sample correction that statsmodels
/// applies by default (`Logit(...).fit(cov_type="cluster", cov_kwds={"groups": g})`, where
/// `use_correction=True`) and Stata's `vce(cluster)` uses; the tests match statsmodels to
/// 1e-8. z-values, p-values and 95% intervals use the standard normal distribution, as
/// statsmodels does for `Logit`.
package struct ClusteredInference: Sendable, Equatable {
    /// Distinct groups among the rows.
    package let clusters: Int
    /// `c = G / (G - 1) * (N - 1) / (N - K)`, already applied to `covariance`.
    package let smallSampleFactor: Double
    /// `K x K`, column-major.
    package let covariance: [Double]
    package let standardErrors: [Double]
    package let zValues: [Double]
    /// Two-sided, under the standard normal distribution.
    package let pValues: [Double]
    /// Estimate -/+ 1.959963984540054 clustered standard errors.
    package let lower95: [Double], upper95: [Double]
}

extension LogisticFit {
    /// Cluster-robust inference for this fit (see `ClusteredInference`).
    ///
    /// - Parameters:
    ///   - groups: the cluster of each row, e.g. the account id; any hashable value.
    ///   - design: the design the fit was made on (the fit keeps no copy of it).
    ///   - labels: the labels it was fitted to.
    ///   - offset: the offset it was fitted with, if any.
    package func clustered<Group: Hashable>(
        by groups: [Group], design: DesignMatrix, labels: [Double], offset: [Double]? = nil
    ) throws(ClusteringError) -> ClusteredInference {
        let n = design.rows, k = design.columns
        precondition(k == coefficients.count && n == observations, "the design the fit was made on")
        precondition(groups.count == n && labels.count == n, "one group and one label per row")
        if l2 > 0, penalized.contains(true) { throw .penalised(l2: l2) }
        guard n > k else { throw .tooFewObservations(observations: n, coefficients: k) }

        var clusterOf: [Group: Int] = [:]
        let cluster = groups.map { group in
            if let index = clusterOf[group] { return index }
            let index = clusterOf.count
            clusterOf[group] = index
            return index
        }
        let g = clusterOf.count
        guard g >= 2 else { throw .tooFewClusters(count: g) }

        // Each cluster's score: s_g[j] = sum over its rows of x_ij (y_i - mu_i), with y - mu
        // taken without cancellation, as the fitter does.
        var eta = offset ?? [Double](repeating: 0, count: n)
        LAPACK.multiply(design.values, rows: n, columns: k, by: coefficients, into: &eta,
                        beta: offset == nil ? 0 : 1)
        var scores = [Double](repeating: 0, count: g * k)
        for i in 0..<n {
            let residual = labels[i] == 1 ? LogisticLikelihood.logistic(-eta[i])
                : -LogisticLikelihood.logistic(eta[i])
            let base = cluster[i] * k
            for j in 0..<k { scores[base + j] += design.values[i + j * n] * residual }
        }
        // The meat B = S'S and the sandwich c * V B V, with V the model-based covariance.
        var meat = [Double](repeating: 0, count: k * k)
        for c in 0..<g {
            let base = c * k
            for a in 0..<k {
                let sa = scores[base + a]
                for b in 0..<k { meat[a + b * k] += sa * scores[base + b] }
            }
        }
        let factor = Double(g) / Double(g - 1) * Double(n - 1) / Double(n - k)
        let half = Self.product(covariance, meat, order: k)
        var sandwich = Self.product(half, covariance, order: k)
        for index in sandwich.indices { sandwich[index] *= factor }

        let standardErrors = (0..<k).map { sandwich[$0 * (k + 1)].squareRoot() }
        let zValues = zip(coefficients, standardErrors).map { $0 / $1 }
        let margin = standardErrors.map { NormalDistribution.quantile975 * $0 }
        return ClusteredInference(
            clusters: g, smallSampleFactor: factor, covariance: sandwich,
            standardErrors: standardErrors, zValues: zValues,
            pValues: zValues.map(NormalDistribution.twoSidedPValue),
            lower95: zip(coefficients, margin).map { $0 - $1 },
            upper95: zip(coefficients, margin).map { $0 + $1 })
    }

    /// `A B` for two `order x order` column-major matrices (order is the number of
    /// coefficients, a few dozen at most).
    private static func product(_ a: [Double], _ b: [Double], order: Int) -> [Double] {
        var result = [Double](repeating: 0, count: order * order)
        for column in 0..<order {
            for inner in 0..<order {
                let factor = b[inner + column * order]
                for row in 0..<order { result[row + column * order] += a[row + inner * order] * factor }
            }
        }
        return result
    }
}
