import Evaluation
import Foundation
import Modeling

/// The model's coefficients as odds ratios per standard deviation, with 95% intervals.
enum OddsRatioChart {
    static func render(_ model: ChurnModel) -> String {
        let features = model.features.sorted { $0.coefficient.estimate > $1.coefficient.estimate }
        let rowHeight = 30.0
        var chart = SVGChart(width: 720, height: 20 + rowHeight * Double(features.count) + 70,
                             top: 20, right: 130, bottom: 58, left: 236)
        let lowest = features.map { exp($0.coefficient.lower95) }.min() ?? 0.5
        let highest = features.map { exp($0.coefficient.upper95) }.max() ?? 2
        // Powers of two around 1, wide enough for every interval (within 1/16 ... 16).
        let lo = pow(2, max(-4, min(-1, (log2(lowest)).rounded(.down))))
        let hi = pow(2, min(4, max(1, (log2(highest)).rounded(.up))))
        let x = LogScale(domain: (lo, hi), range: (chart.plotLeft, chart.plotRight))
        var tick = lo
        while tick <= hi * 1.0001 {
            chart.line(x(tick), chart.plotTop, x(tick), chart.plotBottom, stroke: Palette.grid)
            let label = tick >= 1 ? String(Int(tick)) : String(format: "%g", tick)
            chart.text(x(tick), chart.plotBottom + 18, "×" + label, anchor: .middle, size: 12, fill: Palette.muted)
            tick *= 2
        }
        chart.line(x(1), chart.plotTop - 6, x(1), chart.plotBottom, stroke: Palette.text, width: 1.5)
        chart.line(chart.plotLeft, chart.plotBottom, chart.plotRight, chart.plotBottom, stroke: Palette.axis, width: 1.5)
        chart.text((chart.plotLeft + chart.plotRight) / 2, chart.height - 12,
                   "Change in the odds of leaving, per standard deviation (log scale)", anchor: .middle, size: 13, weight: "600")
        chart.text(x(1) - 6, chart.plotTop - 6, "← lowers risk", anchor: .end, size: 12, fill: Palette.lowersRisk)
        chart.text(x(1) + 6, chart.plotTop - 6, "raises risk →", anchor: .start, size: 12, fill: Palette.raisesRisk)
        chart.text(chart.plotRight + 12, chart.plotTop - 6, "odds ratio (95%)", size: 12, weight: "600", fill: Palette.muted)
        for (row, feature) in features.enumerated() {
            let c = feature.coefficient
            let (ratio, lower, upper) = (exp(c.estimate), exp(c.lower95), exp(c.upper95))
            let cy = chart.plotTop + rowHeight * (Double(row) + 0.5) + 6
            let colour = lower > 1 ? Palette.raisesRisk : upper < 1 ? Palette.lowersRisk : Palette.unclear
            if row % 2 == 1 {
                chart.rect(8, cy - rowHeight / 2, chart.width - 16, rowHeight, fill: "#f6f8fa")
            }
            chart.text(chart.plotLeft - 12, cy + 4, FeatureLabels.plain(feature.name), anchor: .end, size: 13)
            let clippedLower = max(lower, lo), clippedUpper = min(upper, hi)
            chart.line(x(clippedLower), cy, x(clippedUpper), cy, stroke: colour, width: 2.5)
            let label = "\(FeatureLabels.plain(feature.name)) (\(feature.name)): odds ×\(formatRatio(ratio)) per standard deviation, 95% interval \(formatRatio(lower))-\(formatRatio(upper))"
            let clear = lower > 1 || upper < 1
            chart.circle(x(min(max(ratio, lo), hi)), cy, radius: 5.5, fill: clear ? colour : "white", stroke: colour,
                         width: 2.5, title: label)
            chart.text(chart.plotRight + 12, cy + 4, "\(formatRatio(ratio)) (\(formatRatio(lower))-\(formatRatio(upper)))",
                       size: 12, fill: Palette.text)
        }
        let summary = features.map { "\(FeatureLabels.plain($0.name)) ×\(formatRatio(exp($0.coefficient.estimate)))" }.joined(separator: ", ")
        return chart.render(id: "odds-chart", title: "How each signal moves the odds of leaving",
                            description: "Odds ratios per standard deviation with 95% intervals, largest first: \(summary).")
    }

    /// Two decimals below 10 ("0.70", "1.39"), whole numbers above.
    static func formatRatio(_ value: Double) -> String {
        value >= 10 ? String(format: "%.0f", value) : String(format: "%.2f", value)
    }
}
