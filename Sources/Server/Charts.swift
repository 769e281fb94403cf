import Evaluation
import Foundation
import Report
import Scoring
import Store

/// The dashboard's charts, drawn with the report's `SVGChart`: every series differs by
/// shape or dash as well as colour, and every chart and point has a title for screen readers.
enum Charts {
    /// Health score of one account over the runs, on the tier bands of the latest run.
    static func history(_ history: AccountHistory, name: String, thresholds: TierThresholds) -> String {
        var chart = SVGChart(width: 720, height: 300, top: 18, right: 118, bottom: 52, left: 56)
        let runs = history.runs
        let x = LinearScale(domain: (-0.5, Double(max(runs.count, 1)) - 0.5), range: (chart.plotLeft, chart.plotRight))
        let y = LinearScale(domain: (0, 100), range: (chart.plotBottom, chart.plotTop))
        // Tier bands: at risk below, watch between, healthy above the thresholds.
        let bands: [(Tier, Int, Int)] = [(.atRisk, 0, thresholds.atRiskBelow), (.watch, thresholds.atRiskBelow, thresholds.watchBelow),
                                         (.healthy, thresholds.watchBelow, 100)]
        for (tier, low, high) in bands where high > low {
            chart.add("<rect x=\"\(chart.n(chart.plotLeft))\" y=\"\(chart.n(y(Double(high))))\" width=\"\(chart.n(chart.plotRight - chart.plotLeft))\" height=\"\(chart.n(y(Double(low)) - y(Double(high))))\" fill=\"\(Palette.fill(tier))\" fill-opacity=\"0.08\"/>")
            chart.text(chart.plotRight + 10, (y(Double(low)) + y(Double(high))) / 2 + 4, Text.label(tier), size: 12, weight: "600",
                       fill: Palette.fill(tier))
        }
        chart.axes(x: x, xTicks: [], xLabel: "Run (day scored)", xFormat: { _ in "" },
                   y: y, yTicks: ticks(from: 0, to: 100, step: 25), yLabel: "Health score", yFormat: { String(Int($0)) })
        for score in [thresholds.atRiskBelow, thresholds.watchBelow] where score > 0 && score < 100 {
            chart.line(chart.plotLeft, y(Double(score)), chart.plotRight, y(Double(score)), stroke: Palette.axis, width: 1, dash: "4 3")
        }
        for (index, label) in dayLabels(runs.map(\.asOf.description)) {
            chart.text(x(Double(index)), chart.plotBottom + 18, label, anchor: .middle, size: 11, fill: Palette.muted)
        }
        let points = runs.enumerated().map { (x(Double($0.offset)), y(Double($0.element.healthScore))) }
        if points.count > 1 { chart.polyline(points, stroke: "#0072B2", width: 3) }
        for (entry, point) in zip(runs, points) {
            let title = "\(entry.asOf): health \(entry.healthScore) (\(Text.label(entry.tier))), churn risk \(Format.percent(entry.churnProbability, 0))"
            marker(&chart, entry.tier, at: point, title: title)
        }
        let summary = runs.map { "\($0.asOf) \($0.healthScore)" }.joined(separator: ", ")
        return chart.render(id: "history-chart", title: "Health score of \(name) over \(runs.count) runs",
                            description: "Health score (100 = certain to stay) at each run, with the tier bands: \(summary).")
    }

    /// A point whose shape says its tier: square at risk, diamond watch, circle healthy.
    static func marker(_ chart: inout SVGChart, _ tier: Tier, at point: (Double, Double), title: String) {
        let fill = Palette.fill(tier)
        switch tier {
        case .atRisk: chart.rect(point.0 - 5.5, point.1 - 5.5, 11, 11, fill: fill, stroke: "white", title: title)
        case .watch: chart.diamond(point.0, point.1, radius: 5, fill: fill, stroke: "white", width: 1.5, title: title)
        case .healthy: chart.circle(point.0, point.1, radius: 5.5, fill: fill, stroke: "white", width: 1.5, title: title)
        }
    }

    /// MRR at risk over the runs.
    static func mrrAtRisk(_ runs: [RunSummary], _ totals: [RunTotals]) -> String {
        var chart = SVGChart(width: 720, height: 280, top: 18, right: 24, bottom: 52, left: 84)
        let values = totals.map(\.revenueAtRisk)
        let top = niceTop(values.max() ?? 1)
        let x = LinearScale(domain: (-0.5, Double(max(runs.count, 1)) - 0.5), range: (chart.plotLeft, chart.plotRight))
        let y = LinearScale(domain: (0, top), range: (chart.plotBottom, chart.plotTop))
        chart.axes(x: x, xTicks: [], xLabel: "Run (day scored)", xFormat: { _ in "" },
                   y: y, yTicks: ticks(from: 0, to: top, step: top / 4), yLabel: "MRR at risk", yFormat: { Format.money($0) })
        for (index, label) in dayLabels(runs.map(\.asOf.description)) {
            chart.text(x(Double(index)), chart.plotBottom + 18, label, anchor: .middle, size: 11, fill: Palette.muted)
        }
        let points = values.enumerated().map { (x(Double($0.offset)), y($0.element)) }
        if points.count > 1 { chart.polyline(points, stroke: Palette.raisesRisk, width: 3) }
        for (index, point) in points.enumerated() {
            chart.circle(point.0, point.1, radius: 4.5, fill: Palette.raisesRisk, stroke: "white", width: 1.5,
                         title: "\(runs[index].asOf): MRR at risk \(Format.money(values[index]))")
        }
        if let last = points.last {
            chart.text(last.0 - 8, last.1 - 10, Format.money(values.last!), anchor: .end, size: 12, weight: "600")
        }
        let summary = zip(runs, values).map { "\($0.asOf) \(Format.money($1))" }.joined(separator: ", ")
        return chart.render(id: "trend-chart", title: "MRR at risk over \(runs.count) runs",
                            description: "Sum of churn probability times MRR at each run: \(summary).")
    }

    /// Accounts by tier at each run, as stacked shares; tiers differ by pattern as well as colour.
    static func tierShares(_ runs: [RunSummary], _ totals: [RunTotals]) -> String {
        var chart = SVGChart(width: 720, height: 280, top: 18, right: 130, bottom: 52, left: 64)
        let x = LinearScale(domain: (-0.5, Double(max(runs.count, 1)) - 0.5), range: (chart.plotLeft, chart.plotRight))
        let y = LinearScale(domain: (0, 1), range: (chart.plotBottom, chart.plotTop))
        chart.add(patterns)
        chart.axes(x: x, xTicks: [], xLabel: "Run (day scored)", xFormat: { _ in "" },
                   y: y, yTicks: ticks(from: 0, to: 1, step: 0.25), yLabel: "Share of accounts", yFormat: { Format.percent($0, 0) })
        for (index, label) in dayLabels(runs.map(\.asOf.description)) {
            chart.text(x(Double(index)), chart.plotBottom + 18, label, anchor: .middle, size: 11, fill: Palette.muted)
        }
        let width = min(42, (x(1) - x(0)) * 0.7)
        for (index, total) in totals.enumerated() {
            let count = max(total.accountCount, 1)
            var base = 0.0
            for tier in [Tier.atRisk, .watch, .healthy] {
                let accounts = total.accounts[tier] ?? 0
                let share = Double(accounts) / Double(count)
                guard share > 0 else { continue }
                chart.rect(x(Double(index)) - width / 2, y(base + share), width, y(base) - y(base + share), fill: "url(#tier-\(tier.rawValue))",
                           stroke: Palette.fill(tier),
                           title: "\(runs[index].asOf): \(Format.count(accounts)) \(Text.label(tier)) (\(Format.percent(share, 0)))")
                base += share
            }
        }
        var ly = chart.plotTop + 12
        for tier in [Tier.healthy, .watch, .atRisk] {
            chart.rect(chart.plotRight + 16, ly - 11, 16, 14, fill: "url(#tier-\(tier.rawValue))", stroke: Palette.fill(tier))
            chart.text(chart.plotRight + 40, ly, Text.label(tier), size: 13)
            ly += 24
        }
        let summary = zip(runs, totals).map { run, total in
            "\(run.asOf): \(total.accounts[.atRisk] ?? 0) at risk, \(total.accounts[.watch] ?? 0) watch, \(total.accounts[.healthy] ?? 0) healthy"
        }.joined(separator: "; ")
        return chart.render(id: "tier-trend-chart", title: "Accounts by tier over \(runs.count) runs",
                            description: "Share of accounts in each tier at each run: \(summary).")
    }

    /// At risk hatched, watch dotted, healthy plain: tiers apart without colour.
    static let patterns = """
        <defs>\
        <pattern id="tier-at_risk" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="6" height="6" fill="\(Palette.fill(.atRisk))"/><rect width="2" height="6" fill="white" fill-opacity="0.55"/></pattern>\
        <pattern id="tier-watch" width="6" height="6" patternUnits="userSpaceOnUse">\
        <rect width="6" height="6" fill="\(Palette.fill(.watch))"/><circle cx="3" cy="3" r="1.3" fill="white" fill-opacity="0.7"/></pattern>\
        <pattern id="tier-healthy" width="6" height="6" patternUnits="userSpaceOnUse">\
        <rect width="6" height="6" fill="\(Palette.fill(.healthy))"/></pattern>\
        </defs>
        """

    /// Signed terms as bars from a centre line: right raises the risk, left lowers it,
    /// each with its signed value written beside it.
    static func terms(_ terms: [(label: String, value: Double)], id: String, title: String, description: String) -> String {
        let rowHeight = 30.0
        var chart = SVGChart(width: 720, height: 40 + rowHeight * Double(terms.count), top: 8, right: 70, bottom: 32, left: 230)
        let largest = max(terms.map { abs($0.value) }.max() ?? 0, 0.05)
        let x = LinearScale(domain: (-largest, largest), range: (chart.plotLeft, chart.plotRight))
        chart.line(x(0), chart.plotTop, x(0), chart.plotBottom, stroke: Palette.axis, width: 1.5)
        chart.text(chart.plotLeft, chart.plotBottom + 20, "◀ lowers the risk", size: 12, fill: Palette.lowersRisk)
        chart.text(chart.plotRight, chart.plotBottom + 20, "raises the risk ▶", anchor: .end, size: 12, fill: Palette.raisesRisk)
        for (index, term) in terms.enumerated() {
            let top = chart.plotTop + Double(index) * rowHeight + 6
            let colour = term.value >= 0 ? Palette.raisesRisk : Palette.lowersRisk
            let left = min(x(0), x(term.value)), width = abs(x(term.value) - x(0))
            chart.text(chart.plotLeft - 10, top + 13, term.label, anchor: .end, size: 13)
            chart.rect(left, top, max(width, 1), rowHeight - 12, fill: colour,
                       title: "\(term.label): \(Text.signed(term.value)) in log-odds")
            let labelX = term.value >= 0 ? x(0) + width + 6 : x(0) - width - 6
            chart.text(labelX, top + 13, Text.signed(term.value), anchor: term.value >= 0 ? .start : .end, size: 12, weight: "600")
        }
        return chart.render(id: id, title: title, description: description)
    }

    /// At most nine day labels, evenly spread, always with the first and the last.
    static func dayLabels(_ days: [String]) -> [(Int, String)] {
        guard days.count > 9 else { return Array(days.enumerated()) }
        let step = Int((Double(days.count - 1) / 8).rounded(.up))
        var picked = Array(stride(from: 0, to: days.count - 1, by: step))
        if let last = picked.last, days.count - 1 - last < step / 2 + 1, picked.count > 1 { picked.removeLast() }
        picked.append(days.count - 1)
        return picked.map { ($0, String(days[$0].dropFirst(5))) }
    }

    /// A round number at or above `value`, for an axis top.
    static func niceTop(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let power = pow(10, (log10(value)).rounded(.down))
        for factor in [1.0, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where factor * power >= value { return factor * power }
        return 10 * power
    }
}
