import Evaluation

/// AUC of the model and the baselines, test quarter by test quarter.
enum BacktestChart {
    static func render(_ backtest: [BacktestFold]) -> String? {
        let results = backtest.compactMap(\.result)
        guard results.count >= 2 else { return nil }
        var chart = SVGChart(width: 640, height: 340, top: 16, right: 196, bottom: 58, left: 64)
        let x = LinearScale(domain: (-0.5, Double(results.count) - 0.5), range: (chart.plotLeft, chart.plotRight))
        let lowest = results.flatMap { $0.methods.compactMap(\.auc) }.min() ?? 0.5
        let bottom = min(0.5, (lowest * 10).rounded(.down) / 10)
        let y = LinearScale(domain: (bottom, 1), range: (chart.plotBottom, chart.plotTop))
        chart.axes(x: x, xTicks: [], xLabel: "Test day (each fitted on the quarters before it)", xFormat: { _ in "" },
                   y: y, yTicks: ticks(from: bottom, to: 1, step: 0.1), yLabel: "AUC", yFormat: { Format.decimal($0, 1) })
        for (index, result) in results.enumerated() {
            chart.text(x(Double(index)), chart.plotBottom + 18, result.testAsOf.description, anchor: .middle, size: 12,
                       fill: Palette.muted)
        }
        if bottom < 0.5 {
            chart.line(chart.plotLeft, y(0.5), chart.plotRight, y(0.5), stroke: Palette.axis, width: 1.5, dash: "3 5")
        }
        for method in ScoringMethod.allCases.reversed() {
            let style = Palette.stroke(method)
            let points = results.enumerated().compactMap { index, result in result[method].auc.map { (x(Double(index)), y($0)) } }
            chart.polyline(points, stroke: style.colour, width: style.width, dash: style.dash)
            for point in points {
                chart.circle(point.0, point.1, radius: method == .model ? 4.5 : 3.5, fill: style.colour, stroke: "white", width: 1)
            }
        }
        var ly = chart.plotTop + 14
        for method in ScoringMethod.allCases {
            let style = Palette.stroke(method)
            chart.line(chart.plotRight + 18, ly - 4, chart.plotRight + 52, ly - 4, stroke: style.colour, width: style.width, dash: style.dash)
            chart.text(chart.plotRight + 60, ly, method.title, size: 13, weight: method == .model ? "700" : "normal")
            ly += 26
        }
        let summary = results.map { r in "\(r.testAsOf): model \(Format.decimal(r[.model].auc))" }.joined(separator: ", ")
        return chart.render(id: "backtest-chart", title: "AUC by test quarter, model and baselines",
                            description: "Held-out AUC of the model and the three baselines on each backtest test day: \(summary).")
    }
}
