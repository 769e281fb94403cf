/// One group of accounts with similar predicted churn, and what became of them.
package struct CalibrationBin: Sendable, Equatable, Encodable {
    /// 1 for the accounts with the lowest predicted churn.
    package let index: Int
    package let accounts: Int
    /// Mean predicted churn probability of the group.
    package let meanPredicted: Double
    package let churned: Int
    package let observedRate: Double
    /// 95% Wilson interval of the observed rate.
    package let band: WilsonInterval
    /// The prediction lies inside the band: what happened is compatible with it.
    package var honest: Bool { band.contains(meanPredicted) }
}

/// Predicted against observed churn, group by group: are the percentages worth their name?
package struct CalibrationTable: Sendable, Equatable, Encodable {
    package let bins: [CalibrationBin]
    /// Bins whose prediction lies inside the 95% band of what was observed.
    package let honestBins: Int
    /// Sum of the predicted probabilities: the churners the model expected.
    package let expectedChurners: Double
    package let observedChurners: Int

    /// Ten groups (deciles) by default: enough to see the shape, with tens of accounts in
    /// each for a base of a few hundred.
    package static let defaultBins = 10

    /// Accounts sorted by predicted probability and cut into `bins` groups of equal size
    /// (sizes differ by at most one; ties at a cut fall on either side by input order).
    package init(probabilities: [Double], labels: [Double], bins: Int = CalibrationTable.defaultBins) {
        let n = probabilities.count
        let order = probabilities.indices.sorted {
            probabilities[$0] != probabilities[$1] ? probabilities[$0] < probabilities[$1] : $0 < $1
        }
        var result: [CalibrationBin] = []
        for b in 0..<max(bins, 1) {
            let range = (b * n / bins)..<((b + 1) * n / bins)
            guard !range.isEmpty else { continue }
            var predicted = 0.0
            var churned = 0
            for k in range {
                predicted += probabilities[order[k]]
                if labels[order[k]] == 1 { churned += 1 }
            }
            let count = range.count
            result.append(CalibrationBin(
                index: result.count + 1, accounts: count, meanPredicted: predicted / Double(count), churned: churned,
                observedRate: Double(churned) / Double(count),
                band: WilsonInterval(successes: churned, trials: count)!))
        }
        self.bins = result
        honestBins = result.filter(\.honest).count
        expectedChurners = probabilities.reduce(0, +)
        observedChurners = labels.filter { $0 == 1 }.count
    }
}
