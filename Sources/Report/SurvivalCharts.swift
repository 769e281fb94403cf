import Evaluation
import Foundation

/// Survival curves of a few accounts: the chance of still being a customer, month by month
/// for two years. Each account has its own colour, dash pattern and marker shape, so the
/// lines are told apart without colour; every marker has a title for screen readers.
enum SurvivalCurveChart {
    /// The months at which each line carries a marker.
    static let markedMonths = [3, 6, 12, 24]

    static func render(_ curves: [AccountCurve], id: String, title: String, description: String) -> String {
        var chart = SVGChart(width: 640, height: 380, top: 16, right: 220, bottom: 58, left: 64)
        let months = Double(SurvivalReport.curveMonths)
        let x = LinearScale(domain: (0, months), range: (chart.plotLeft, chart.plotRight))
        let y = LinearScale(domain: (0, 1), range: (chart.plotBottom, chart.plotTop))
        chart.axes(x: x, xTicks: ticks(from: 0, to: months, step: 3), xLabel: "Months from today",
                   xFormat: { String(Int($0)) }, y: y, yTicks: ticks(from: 0, to: 1, step: 0.2),
                   yLabel: "Chance still a customer", yFormat: { Format.percent($0, 0) })
        for (index, curve) in curves.enumerated().reversed() {
            let style = Palette.series(index)
            chart.polyline(curve.survival.enumerated().map { (x(Double($0.offset)), y($0.element)) },
                           stroke: style.colour, width: 2.5, dash: style.dash)
            for month in markedMonths where month < curve.survival.count {
                let label = "\(curve.name): \(Format.percent(curve.survival[month], 0)) chance still a customer after \(month) months"
                marker(&chart, index, x(Double(month)), y(curve.survival[month]), title: label)
            }
        }
        // Legend: line, marker and name of each account, with its lifetime value.
        var ly = chart.plotTop + 12
        for (index, curve) in curves.enumerated() {
            let style = Palette.series(index)
            chart.line(chart.plotRight + 16, ly - 4, chart.plotRight + 48, ly - 4, stroke: style.colour, width: 2.5, dash: style.dash)
            marker(&chart, index, chart.plotRight + 32, ly - 4, title: nil)
            chart.text(chart.plotRight + 56, ly, String(curve.name.prefix(22)), size: 12, weight: "600")
            chart.text(chart.plotRight + 56, ly + 15, "MRR \(Format.money(curve.row.mrr)), value \(Format.money(curve.row.lifetime?.lifetimeValue))",
                       size: 11, fill: Palette.muted)
            ly += 40
        }
        return chart.render(id: id, title: title, description: description)
    }

    /// The marker shape of series `index`: circle, diamond, square, triangle up, triangle down.
    static func marker(_ chart: inout SVGChart, _ index: Int, _ px: Double, _ py: Double, title: String?) {
        let colour = Palette.series(index).colour
        switch index % 5 {
        case 0: chart.circle(px, py, radius: 4.5, fill: colour, stroke: "white", width: 1.5, title: title)
        case 1: chart.diamond(px, py, radius: 4.5, fill: colour, stroke: "white", width: 1.5, title: title)
        case 2: chart.square(px, py, radius: 4.5, fill: colour, stroke: "white", width: 1.5, title: title)
        case 3: chart.triangle(px, py, radius: 4.5, fill: colour, stroke: "white", width: 1.5, title: title)
        default: chart.triangle(px, py, radius: 4.5, down: true, fill: colour, stroke: "white", width: 1.5, title: title)
        }
    }
}

/// How the customers' lifetime values are spread: a histogram on a logarithmic axis (values
/// run from hundreds for a small account to hundreds of thousands for a large one), with the
/// median and the mean marked by lines of different patterns, labelled in words.
enum LifetimeValueChart {
    static func render(_ values: [Double], asOf: String) -> String? {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let lowest = positive.min(), let highest = positive.max() else { return nil }
        // Bins of a third of a decade: 100, 215, 464, 1,000, ...
        let perDecade = 3.0
        let first = (log10(lowest) * perDecade).rounded(.down), last = (log10(highest) * perDecade).rounded(.down)
        let edges = stride(from: first, through: last + 1, by: 1).map { pow(10, $0 / perDecade) }
        var counts = [Int](repeating: 0, count: edges.count - 1)
        var sums = [Double](repeating: 0, count: edges.count - 1)
        for value in positive {
            let bin = min(counts.count - 1, max(0, Int((log10(value) * perDecade).rounded(.down) - first)))
            counts[bin] += 1
            sums[bin] += value
        }
        var chart = SVGChart(width: 640, height: 360, top: 20, right: 150, bottom: 58, left: 64)
        let x = LogScale(domain: (edges.first!, edges.last!), range: (chart.plotLeft, chart.plotRight))
        let tallest = counts.max() ?? 1
        let step = TierChart.niceStep(for: tallest)
        let top = max(1, (Double(tallest) / step).rounded(.up) * step)
        let y = LinearScale(domain: (0, top), range: (chart.plotBottom, chart.plotTop))
        for tick in ticks(from: 0, to: top, step: step) {
            chart.line(chart.plotLeft, y(tick), chart.plotRight, y(tick), stroke: Palette.grid)
            chart.text(chart.plotLeft - 8, y(tick) + 4, String(Int(tick)), anchor: .end, size: 12, fill: Palette.muted)
        }
        var decade = pow(10, (log10(edges.first!)).rounded(.up))
        while decade <= edges.last! * 1.0001 {
            chart.line(x(decade), chart.plotTop, x(decade), chart.plotBottom, stroke: Palette.grid)
            chart.text(x(decade), chart.plotBottom + 18, Format.money(decade), anchor: .middle, size: 12, fill: Palette.muted)
            decade *= 10
        }
        for (bin, count) in counts.enumerated() where count > 0 {
            let label = "Lifetime value \(Format.money(edges[bin]))-\(Format.money(edges[bin + 1])): \(count) customers, \(Format.money(sums[bin])) in all"
            chart.rect(x(edges[bin]) + 1, y(Double(count)), x(edges[bin + 1]) - x(edges[bin]) - 2, y(0) - y(Double(count)),
                       fill: Palette.lifetimeBar, title: label)
        }
        chart.line(chart.plotLeft, chart.plotBottom, chart.plotRight, chart.plotBottom, stroke: Palette.axis, width: 1.5)
        chart.line(chart.plotLeft, chart.plotTop, chart.plotLeft, chart.plotBottom, stroke: Palette.axis, width: 1.5)
        chart.text((chart.plotLeft + chart.plotRight) / 2, chart.height - 12, "Lifetime value per customer (log scale)",
                   anchor: .middle, size: 13, weight: "600")
        chart.text(16, (chart.plotTop + chart.plotBottom) / 2, "Customers", anchor: .middle, size: 13, weight: "600", rotate: -90)
        let sorted = positive.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let mean = positive.reduce(0, +) / Double(positive.count)
        chart.line(x(median), chart.plotTop, x(median), chart.plotBottom, stroke: Palette.text, width: 2, dash: "6 4")
        chart.line(x(mean), chart.plotTop, x(mean), chart.plotBottom, stroke: Palette.text, width: 2, dash: "1 3")
        // Legend.
        let lx = chart.plotRight + 16
        chart.line(lx, chart.plotTop + 10, lx + 30, chart.plotTop + 10, stroke: Palette.text, width: 2, dash: "6 4")
        chart.text(lx + 36, chart.plotTop + 14, "median", size: 13)
        chart.text(lx + 36, chart.plotTop + 30, Format.money(median), size: 12, fill: Palette.muted)
        chart.line(lx, chart.plotTop + 56, lx + 30, chart.plotTop + 56, stroke: Palette.text, width: 2, dash: "1 3")
        chart.text(lx + 36, chart.plotTop + 60, "mean", size: 13)
        chart.text(lx + 36, chart.plotTop + 76, Format.money(mean), size: 12, fill: Palette.muted)
        return chart.render(id: "lifetime-value-chart", title: "How the customers' lifetime values are spread",
                            description: "Histogram of the lifetime values of the \(positive.count) customers of \(asOf) with an MRR, on a logarithmic scale from \(Format.money(lowest)) to \(Format.money(highest)). Median \(Format.money(median)), mean \(Format.money(mean)).")
    }
}
