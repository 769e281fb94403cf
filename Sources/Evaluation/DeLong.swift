import Regression

/// Why DeLong's variance cannot be computed for a test set.
package enum DeLongError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The variance needs the spread of each class's placements: at least two churners
    /// and two stayers.
    case tooFewOfAClass(churners: Int, stayers: Int)

    package var description: String {
        switch self {
        case let .tooFewOfAClass(churners, stayers):
            return "an AUC interval needs at least two churners and two stayers; the test set has "
                + "\(churners) and \(stayers)"
        }
    }
}

/// A 95% interval for an AUC.
package struct AUCInterval: Sendable, Equatable, Encodable {
    package let lower: Double
    package let upper: Double
}

/// The paired comparison of two AUCs on the same accounts: the difference (first minus
/// second), its 95% interval, and the two-sided p-value of "no difference".
package struct AUCDifference: Sendable, Equatable, Encodable {
    package let difference: Double
    package let lower: Double
    package let upper: Double
    package let pValue: Double

    /// The interval excludes 0: the data tell the two rankings apart at the 5% level.
    package var isSignificant: Bool { lower > 0 || upper < 0 }
}

/// The AUCs of one or more scores of the same accounts, with the covariance matrix of
/// their estimates by DeLong, DeLong & Clarke-Pearson (1988), "Comparing the areas under
/// two or more correlated receiver operating characteristic curves: a nonparametric
/// approach", Biometrics 44: 837-845.
///
/// Each churner i and stayer j has a placement per score, V10_i = P(churner i ranks above a
/// random stayer) and V01_j = P(a random churner ranks above stayer j), ties counting
/// half; the AUC is the mean of either. With m churners and n stayers the covariance of
/// the AUCs is S10 / m + S01 / n, where S10 and S01 are the sample covariance matrices
/// (divisors m - 1 and n - 1) of the placements across scores. The placements come from
/// midranks in O(N log N) (Sun & Xu 2014, "Fast implementation of DeLong's algorithm for
/// comparing the areas under correlated receiver operating characteristic curves", IEEE
/// Signal Processing Letters 21: 1389-1393): V10_i = (rank of i among all - rank among
/// churners) / n, V01_j = 1 - (rank of j among all - rank among stayers) / m.
///
/// Intervals are Wald intervals on the AUC scale, AUC -/+ 1.96 sd, cut at 0 and 1 as R's
/// pROC (`ci.auc(method = "delong")`) does; the paired test is pROC's
/// `roc.test(method = "delong", paired = TRUE)`: z = difference / sd of the difference.
package struct DeLong: Sendable {
    /// The AUC of each score, in the order given.
    package let aucs: [Double]
    /// `k x k`, row-major: the covariance of the AUC estimates.
    package let covariance: [Double]
    package let churners: Int
    package let stayers: Int

    /// - Parameters:
    ///   - scores: one array per score, higher meaning more likely to churn; only the
    ///     order matters. Each has one value per account, in the order of `labels`.
    ///   - labels: 1 for a churner, 0 for a stayer.
    package init(scores: [[Double]], labels: [Double]) throws(DeLongError) {
        precondition(!scores.isEmpty && scores.allSatisfy { $0.count == labels.count }, "one value per account")
        let positives = labels.indices.filter { labels[$0] == 1 }
        let negatives = labels.indices.filter { labels[$0] != 1 }
        let m = positives.count, n = negatives.count
        guard m >= 2, n >= 2 else { throw .tooFewOfAClass(churners: m, stayers: n) }
        churners = m
        stayers = n

        var aucs: [Double] = []
        var v10: [[Double]] = [], v01: [[Double]] = []
        for score in scores {
            let x = positives.map { score[$0] }, y = negatives.map { score[$0] }
            let rankX = Self.midranks(x), rankY = Self.midranks(y), rankAll = Self.midranks(x + y)
            let placementsX = (0..<m).map { (rankAll[$0] - rankX[$0]) / Double(n) }
            let placementsY = (0..<n).map { 1 - (rankAll[m + $0] - rankY[$0]) / Double(m) }
            aucs.append(placementsX.reduce(0, +) / Double(m))
            v10.append(placementsX)
            v01.append(placementsY)
        }
        let k = scores.count
        let s10 = Self.sampleCovariance(v10), s01 = Self.sampleCovariance(v01)
        self.aucs = aucs
        covariance = (0..<(k * k)).map { s10[$0] / Double(m) + s01[$0] / Double(n) }
    }

    /// The variance of score k's AUC.
    package func variance(_ k: Int) -> Double { covariance[k * (aucs.count + 1)] }

    /// The 95% interval of score k's AUC, cut to [0, 1].
    package func interval(_ k: Int) -> AUCInterval {
        let margin = NormalDistribution.quantile975 * variance(k).squareRoot()
        return AUCInterval(lower: max(0, aucs[k] - margin), upper: min(1, aucs[k] + margin))
    }

    /// Score a against score b on the same accounts. When the difference has no variance
    /// (identical rankings, or both perfect), a zero difference has p = 1 and any other p = 0.
    package func difference(_ a: Int, _ b: Int) -> AUCDifference {
        let k = aucs.count
        let difference = aucs[a] - aucs[b]
        let variance = covariance[a * k + a] + covariance[b * k + b] - 2 * covariance[a * k + b]
        guard variance > 0 else {
            return AUCDifference(difference: difference, lower: difference, upper: difference,
                                 pValue: difference == 0 ? 1 : 0)
        }
        let sd = variance.squareRoot()
        let margin = NormalDistribution.quantile975 * sd
        return AUCDifference(difference: difference, lower: difference - margin, upper: difference + margin,
                             pValue: NormalDistribution.twoSidedPValue(difference / sd))
    }

    /// 1-based ranks, ties sharing the mean of their ranks.
    static func midranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = rank }
            start = end + 1
        }
        return ranks
    }

    /// `k x k`, row-major: covariances between the rows of `samples` (divisor count - 1).
    static func sampleCovariance(_ samples: [[Double]]) -> [Double] {
        let k = samples.count, count = samples[0].count
        let means = samples.map { $0.reduce(0, +) / Double(count) }
        var result = [Double](repeating: 0, count: k * k)
        for a in 0..<k {
            for b in a..<k {
                var total = 0.0
                for i in 0..<count { total += (samples[a][i] - means[a]) * (samples[b][i] - means[b]) }
                result[a * k + b] = total / Double(count - 1)
                result[b * k + a] = result[a * k + b]
            }
        }
        return result
    }
}
