import Evaluation

/// The ROC curves of the model and the baselines on the same test accounts.
enum ROCChart {
    static func render(_ holdout: HoldoutResult) -> String {
        var chart = SVGChart(width: 640, height: 470, top: 16, right: 196, bottom: 58, left: 64)
        let x = LinearScale(domain: (0, 1), range: (chart.plotLeft, chart.plotRight))
        let y = LinearScale(domain: (0, 1), range: (chart.plotBottom, chart.plotTop))
        let grid = ticks(from: 0, to: 1, step: 0.2)
        chart.axes(x: x, xTicks: grid, xLabel: "Stayers flagged by mistake (false-positive rate)", xFormat: { Format.percent($0, 0) },
                   y: y, yTicks: grid, yLabel: "Leavers caught (true-positive rate)", yFormat: { Format.percent($0, 0) })
        chart.line(x(0), y(0), x(1), y(1), stroke: Palette.axis, width: 1.5, dash: "3 5")
        chart.text(x(0.62), y(0.55), "random order", anchor: .start, size: 12, fill: Palette.muted, rotate: -45)
        // Baselines first, so the model's line is drawn on top.
        for result in holdout.methods.reversed() where !result.roc.isEmpty {
            let style = Palette.stroke(result.method)
            chart.polyline(result.roc.map { (x($0.falsePositiveRate), y($0.truePositiveRate)) },
                           stroke: style.colour, width: style.width, dash: style.dash)
        }
        // Legend, in table order.
        var legendY = chart.plotTop + 14
        chart.text(chart.plotRight + 18, legendY, "AUC on \(holdout.testAsOf)", size: 12, weight: "600", fill: Palette.muted)
        for result in holdout.methods {
            legendY += 30
            let style = Palette.stroke(result.method)
            chart.line(chart.plotRight + 18, legendY - 4, chart.plotRight + 52, legendY - 4, stroke: style.colour,
                       width: style.width, dash: style.dash)
            chart.text(chart.plotRight + 60, legendY, result.method.title, size: 13,
                       weight: result.method == .model ? "700" : "normal")
            chart.text(chart.plotRight + 60, legendY + 15, Format.decimal(result.auc), size: 12, fill: Palette.muted)
        }
        let aucs = holdout.methods.map { "\($0.method.title) \(Format.decimal($0.auc))" }.joined(separator: ", ")
        return chart.render(id: "roc-chart", title: "ROC curves of the model and the baselines",
                            description: "Share of leavers caught against share of stayers flagged, working down each list from the riskiest account. Areas under the curves: \(aucs).")
    }
}
