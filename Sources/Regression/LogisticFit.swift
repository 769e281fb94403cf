#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The result of a logistic regression fit: estimates, their covariance and Wald
/// statistics, and likelihood-based diagnostics. Arrays are in the design's column order.
package struct LogisticFit: Sendable, Codable {
    package let names: [String]
    package let coefficients: [Double]
    /// Square roots of the covariance diagonal.
    package let standardErrors: [Double]
    /// Wald statistics, coefficient / standard error.
    package let zValues: [Double]
    /// Two-sided p-values of the Wald statistics under the standard normal distribution.
    package let pValues: [Double]
    /// Wald 95% interval, coefficient -/+ 1.959963984540054 standard errors.
    package let lower95: [Double], upper95: [Double]
    /// `p x p`, column-major: the inverse of the information matrix at the estimate,
    /// `X'WX + lambda * I_penalised`. For `l2 > 0` this is the inverse of the penalised
    /// information (the curvature of the penalised objective), so standard errors describe
    /// the penalised estimate's local precision and are smaller than unpenalised ones.
    package let covariance: [Double]
    /// Unpenalised log-likelihood at the estimate.
    package let logLikelihood: Double
    /// Log-likelihood of the intercept-only model (the event rate for everyone), as
    /// statsmodels' `llnull`.
    package let nullLogLikelihood: Double
    /// `-2 * logLikelihood` (binary outcomes: the saturated model's log-likelihood is 0).
    package let deviance: Double
    /// `-2 * nullLogLikelihood`.
    package let nullDeviance: Double
    /// `deviance + 2p`, counting every coefficient (for `l2 > 0` this overstates the
    /// effective degrees of freedom).
    package let aic: Double
    /// `1 - logLikelihood / nullLogLikelihood`.
    package let mcFaddenR2: Double
    /// Newton steps taken.
    package let iterations: Int
    /// Always true for a returned fit: failures to converge are thrown as `FitError`.
    package let converged: Bool
    package let observations: Int
    /// Observations labelled 1.
    package let events: Int
    /// The ridge lambda the fit used.
    package let l2: Double
    /// Whether each coefficient carried the ridge penalty.
    package let penalized: [Bool]
    /// nil when `covariance` is the inverse information (model-based); otherwise the number
    /// of clusters of the cluster-robust covariance it was replaced with
    /// (`withClusteredStandardErrors`).
    package let clusters: Int?

    init(names: [String], coefficients: [Double], covariance: [Double],
         logLikelihood: Double, observations: Int, events: Int, iterations: Int,
         l2: Double, penalized: [Bool], clusters: Int? = nil) {
        let p = coefficients.count
        let standardErrors = (0..<p).map { covariance[$0 * (p + 1)].squareRoot() }
        let zValues = zip(coefficients, standardErrors).map { $0 / $1 }
        let margin = standardErrors.map { NormalDistribution.quantile975 * $0 }
        let nonEvents = Double(observations - events), eventCount = Double(events)
        let total = Double(observations)
        let nullLogLikelihood = eventCount * log(eventCount / total)
            + nonEvents * log(nonEvents / total)

        self.names = names
        self.coefficients = coefficients
        self.standardErrors = standardErrors
        self.zValues = zValues
        self.pValues = zValues.map(NormalDistribution.twoSidedPValue)
        self.lower95 = zip(coefficients, margin).map { $0 - $1 }
        self.upper95 = zip(coefficients, margin).map { $0 + $1 }
        self.covariance = covariance
        self.logLikelihood = logLikelihood
        self.nullLogLikelihood = nullLogLikelihood
        self.deviance = -2 * logLikelihood
        self.nullDeviance = -2 * nullLogLikelihood
        self.aic = -2 * logLikelihood + 2 * Double(p)
        self.mcFaddenR2 = 1 - logLikelihood / nullLogLikelihood
        self.iterations = iterations
        self.converged = true
        self.observations = observations
        self.events = events
        self.l2 = l2
        self.penalized = penalized
        self.clusters = clusters
    }

    /// The same fit with cluster-robust standard errors, z, p-values and intervals
    /// (`clustered(by:design:labels:offset:)`, statsmodels' `cov_type="cluster"`), for rows
    /// that repeat the same unit, such as an account on several pooled days.
    package func withClusteredStandardErrors<Group: Hashable>(
        by groups: [Group], design: DesignMatrix, labels: [Double], offset: [Double]? = nil
    ) throws(ClusteringError) -> LogisticFit {
        let inference = try clustered(by: groups, design: design, labels: labels, offset: offset)
        return LogisticFit(names: names, coefficients: coefficients, covariance: inference.covariance,
                           logLikelihood: logLikelihood, observations: observations, events: events,
                           iterations: iterations, l2: l2, penalized: penalized, clusters: inference.clusters)
    }

    /// Predicted probabilities `1 / (1 + exp(-(X b + offset)))` for a design whose columns
    /// are in the same order as `names`; `offset` as given to the fit (nil for none).
    package func predictProbabilities(_ design: DesignMatrix, offset: [Double]? = nil) -> [Double] {
        precondition(design.columns == coefficients.count,
                     "the design must have the fitted model's \(coefficients.count) columns")
        precondition(offset == nil || offset?.count == design.rows, "one offset per row")
        return design.probabilities(coefficients, offset: offset)
    }
}

extension DesignMatrix {
    /// Each row's probability under `coefficients` (and `offset`, added to the linear
    /// predictor when given).
    package func probabilities(_ coefficients: [Double], offset: [Double]? = nil) -> [Double] {
        var eta = offset ?? [Double](repeating: 0, count: rows)
        LAPACK.multiply(values, rows: rows, columns: columns, by: coefficients, into: &eta, beta: offset == nil ? 0 : 1)
        return eta.map(LogisticLikelihood.logistic)
    }
}
