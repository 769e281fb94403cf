/// One point of a ROC curve: flag every account at or above some risk, and this is the
/// share of stayers wrongly flagged (x) and of churners caught (y).
package struct ROCPoint: Sendable, Equatable, Encodable {
    package var falsePositiveRate: Double
    package var truePositiveRate: Double

    package init(falsePositiveRate: Double, truePositiveRate: Double) {
        self.falsePositiveRate = falsePositiveRate
        self.truePositiveRate = truePositiveRate
    }
}

/// The ROC curve of a ranking: how many churners are caught for how many false alarms
/// as the cut-off moves down the list.
package enum ROCCurve {
    /// Points from (0, 0) to (1, 1), one per distinct risk value, riskiest first. Accounts
    /// with equal risk enter together (a diagonal step), so ties count half, as in the AUC.
    /// Empty without both churners and stayers.
    package static func points(risk: [Double], labels: [Double]) -> [ROCPoint] {
        let positives = labels.reduce(0, +)
        let negatives = Double(labels.count) - positives
        guard positives > 0, negatives > 0 else { return [] }
        let order = risk.indices.sorted { risk[$0] > risk[$1] }
        var points = [ROCPoint(falsePositiveRate: 0, truePositiveRate: 0)]
        var truePositives = 0.0, falsePositives = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && risk[order[end + 1]] == risk[order[start]] { end += 1 }
            for k in start...end {
                if labels[order[k]] == 1 { truePositives += 1 } else { falsePositives += 1 }
            }
            points.append(ROCPoint(falsePositiveRate: falsePositives / negatives,
                                   truePositiveRate: truePositives / positives))
            start = end + 1
        }
        return points
    }

    /// Area under the points by the trapezoid rule; equals `RankMetrics.auc` for the same
    /// ranking (the tests check it), so the chart and the table never disagree.
    package static func area(_ points: [ROCPoint]) -> Double {
        zip(points, points.dropFirst()).reduce(0) { total, pair in
            let (a, b) = pair
            return total + (b.falsePositiveRate - a.falsePositiveRate) * (a.truePositiveRate + b.truePositiveRate) / 2
        }
    }
}
