/// Ranking quality of predicted probabilities against what happened.
package enum RankMetrics {
    /// Area under the ROC curve: the chance that a random churner is ranked above a
    /// random stayer, ties counting half (the Mann-Whitney statistic). Nil without both classes.
    package static func auc(probabilities: [Double], labels: [Double]) -> Double? {
        let order = probabilities.indices.sorted { probabilities[$0] < probabilities[$1] }
        var rankSumPositives = 0.0
        var positives = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && probabilities[order[end + 1]] == probabilities[order[start]] { end += 1 }
            let midRank = Double(start + end) / 2 + 1   // average rank of a tie group
            for k in start...end where labels[order[k]] == 1 {
                rankSumPositives += midRank
                positives += 1
            }
            start = end + 1
        }
        let negatives = Double(order.count) - positives
        guard positives > 0, negatives > 0 else { return nil }
        return (rankSumPositives - positives * (positives + 1) / 2) / (positives * negatives)
    }
}
