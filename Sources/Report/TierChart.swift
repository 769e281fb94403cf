import Evaluation
import Scoring

/// How the health scores of the test day were spread, by tier, and which accounts left.
package enum TierChart {
    /// Width of a bar in health-score points.
    static let binWidth = 5

    static func render(_ holdout: HoldoutResult, thresholds: TierThresholds) -> String {
        var chart = SVGChart(width: 640, height: 400, top: 30, right: 196, bottom: 58, left: 64)
        let bins = 100 / binWidth + 1   // the last bar holds 100 alone
        // counts[bin][tier] = (left, stayed)
        var counts = Array(repeating: [Tier: (left: Int, stayed: Int)](), count: bins)
        for (row, label) in zip(holdout.testScores, holdout.testLabels) {
            let bin = min(max(row.healthScore, 0) / binWidth, bins - 1)
            var entry = counts[bin][row.tier] ?? (0, 0)
            if label == 1 { entry.left += 1 } else { entry.stayed += 1 }
            counts[bin][row.tier] = entry
        }
        let tallest = counts.map { $0.values.reduce(0) { $0 + $1.left + $1.stayed } }.max() ?? 1
        let step = niceStep(for: tallest)
        let top = (Double(tallest) / step).rounded(.up) * step
        let x = LinearScale(domain: (0, Double(bins * binWidth)), range: (chart.plotLeft, chart.plotRight))
        let y = LinearScale(domain: (0, max(top, 1)), range: (chart.plotBottom, chart.plotTop))
        chart.add(hatchPattern)
        chart.axes(x: x, xTicks: ticks(from: 0, to: 100, step: 10), xLabel: "Health score on \(holdout.testAsOf) (100 = certain to stay)",
                   xFormat: { String(Int($0)) }, y: y, yTicks: ticks(from: 0, to: top, step: step), yLabel: "Accounts",
                   yFormat: { String(Int($0)) })
        for (bin, tiers) in counts.enumerated() {
            var base = 0
            let left = x(Double(bin * binWidth)) + 1, width = x(Double(binWidth)) - x(0) - 2
            for tier in [Tier.atRisk, .watch, .healthy] {
                guard let entry = tiers[tier] else { continue }
                let scores = bin == bins - 1 ? "100" : "\(bin * binWidth)-\(bin * binWidth + binWidth - 1)"
                let label = "Health \(scores), \(tier.rawValue): \(entry.left + entry.stayed) accounts, \(entry.left) left"
                for (count, fill) in [(entry.left, "url(#hatch-\(tier.rawValue))"), (entry.stayed, Palette.fill(tier))] where count > 0 {
                    chart.rect(left, y(Double(base + count)), width, y(Double(base)) - y(Double(base + count)), fill: fill,
                               stroke: fill.hasPrefix("url") ? Palette.fill(tier) : "none", title: label)
                    base += count
                }
            }
        }
        // Tier boundaries, with each tier's name centred over its range (absolute tiers only:
        // tiers by share of the book have no fixed health score where they change).
        let boundaries = thresholds.shares == nil ? [thresholds.atRiskBelow, thresholds.watchBelow] : []
        for score in boundaries where score > 0 && score < 100 {
            chart.line(x(Double(score)), chart.plotTop - 4, x(Double(score)), chart.plotBottom, stroke: Palette.text, width: 1.5, dash: "4 3")
        }
        let ranges: [(Tier, Int, Int)] = [(.atRisk, 0, thresholds.atRiskBelow), (.watch, thresholds.atRiskBelow, thresholds.watchBelow),
                                          (.healthy, thresholds.watchBelow, 100)]
        for (tier, from, to) in ranges where to - from >= 8 && thresholds.shares == nil {
            chart.text(x(Double(from + to) / 2), chart.plotTop - 10, tier.rawValue, anchor: .middle, size: 12, weight: "600",
                       fill: Palette.fill(tier))
        }
        // Legend.
        let lx = chart.plotRight + 18
        var ly = chart.plotTop + 10
        for tier in [Tier.atRisk, .watch, .healthy] {
            chart.rect(lx, ly - 11, 16, 14, fill: Palette.fill(tier))
            chart.text(lx + 24, ly, tierName(tier, thresholds), size: 13)
            ly += 26
        }
        ly += 6
        chart.rect(lx, ly - 11, 16, 14, fill: "url(#hatch-healthy)", stroke: Palette.fill(.healthy))
        chart.text(lx + 24, ly, "hatched: left within", size: 13)
        chart.text(lx + 24, ly + 16, "\(holdout.horizonDays) days", size: 13)
        let outcome = holdout.tiers.map { "\($0.tier.rawValue) \($0.accounts) accounts, \($0.churned) left" }.joined(separator: "; ")
        return chart.render(id: "tier-chart", title: "Health scores on the test day by tier, and who left",
                            description: "Histogram of the health scores of the \(holdout.testAccounts) customers of \(holdout.testAsOf), coloured by tier, with the accounts that left within \(holdout.horizonDays) days hatched. \(outcome).")
    }

    static func tierName(_ tier: Tier, _ thresholds: TierThresholds) -> String {
        if let shares = thresholds.shares {
            switch tier {
            case .atRisk: return "at_risk (top \(Format.percent(shares.atRisk, 0)))"
            case .watch: return "watch (to \(Format.percent(shares.watch, 0)))"
            case .healthy: return "healthy (the rest)"
            }
        }
        switch tier {
        case .atRisk: return "at_risk (below \(thresholds.atRiskBelow))"
        case .watch: return "watch (\(thresholds.atRiskBelow)-\(thresholds.watchBelow - 1))"
        case .healthy: return "healthy (\(thresholds.watchBelow)+)"
        }
    }

    /// White stripes over the tier colour: "left" is told apart by pattern, not by colour.
    static var hatchPattern: String {
        "<defs>" + [Tier.atRisk, .watch, .healthy].map { tier in
            "<pattern id=\"hatch-\(tier.rawValue)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" fill=\"\(Palette.fill(tier))\"/><rect width=\"2.5\" height=\"6\" fill=\"white\"/></pattern>"
        }.joined() + "</defs>"
    }

    /// A tick step of 1, 2 or 5 times a power of ten giving at most about six ticks.
    package static func niceStep(for maximum: Int) -> Double {
        var power = 1.0
        while true {
            for factor in [1.0, 2.0, 5.0] where Double(maximum) / (factor * power) <= 6 { return factor * power }
            power *= 10
        }
    }
}
