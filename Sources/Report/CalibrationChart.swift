import Evaluation

/// Predicted against observed churn by decile, with the 95% band of each observed rate.
enum CalibrationChart {
    static func render(_ table: CalibrationTable, testAsOf: String) -> String {
        var chart = SVGChart(width: 640, height: 470, top: 16, right: 196, bottom: 58, left: 64)
        // Both axes share one range, rounded up to the next 10%, so the diagonal is at 45 degrees.
        let highest = table.bins.map { max($0.meanPredicted, $0.band.upper) }.max() ?? 1
        let top = min(1, (highest * 10).rounded(.up) / 10)
        let step = top > 0.5 ? 0.2 : 0.1
        let x = LinearScale(domain: (0, top), range: (chart.plotLeft, chart.plotRight))
        let y = LinearScale(domain: (0, top), range: (chart.plotBottom, chart.plotTop))
        let grid = ticks(from: 0, to: top, step: step)
        chart.axes(x: x, xTicks: grid, xLabel: "Predicted churn (average of the group)", xFormat: { Format.percent($0, 0) },
                   y: y, yTicks: grid, yLabel: "Share that actually left", yFormat: { Format.percent($0, 0) })
        chart.line(x(0), y(0), x(top), y(top), stroke: Palette.axis, width: 1.5, dash: "3 5")
        chart.text(x(top * 0.6), y(top * 0.6) - 10, "prediction = outcome", anchor: .middle, size: 12, fill: Palette.muted,
                   rotate: -45)
        for bin in table.bins {
            let colour = bin.honest ? Palette.calibrationHonest : Palette.calibrationOff
            let px = x(bin.meanPredicted)
            chart.line(px, y(bin.band.lower), px, y(bin.band.upper), stroke: colour, width: 2)
            chart.line(px - 5, y(bin.band.lower), px + 5, y(bin.band.lower), stroke: colour, width: 2)
            chart.line(px - 5, y(bin.band.upper), px + 5, y(bin.band.upper), stroke: colour, width: 2)
            let label = "Group \(bin.index): \(bin.accounts) accounts, predicted \(Format.percent(bin.meanPredicted)), "
                + "\(bin.churned) left (\(Format.percent(bin.observedRate))), 95% band \(Format.percent(bin.band.lower))-\(Format.percent(bin.band.upper))"
            if bin.honest {
                chart.circle(px, y(bin.observedRate), radius: 5.5, fill: colour, stroke: "white", width: 1.5, title: label)
            } else {
                chart.diamond(px, y(bin.observedRate), radius: 5.5, fill: "white", stroke: colour, width: 2.5, title: label)
            }
        }
        // Legend.
        let lx = chart.plotRight + 18
        var ly = chart.plotTop + 14
        chart.text(lx, ly, "Ten groups of accounts,", size: 12, weight: "600", fill: Palette.muted)
        chart.text(lx, ly + 15, "by predicted churn", size: 12, weight: "600", fill: Palette.muted)
        ly += 44
        chart.circle(lx + 8, ly - 4, radius: 5.5, fill: Palette.calibrationHonest, stroke: "white", width: 1.5)
        chart.text(lx + 22, ly, "prediction inside", size: 13)
        chart.text(lx + 22, ly + 16, "the band: consistent", size: 13)
        ly += 44
        chart.diamond(lx + 8, ly - 4, radius: 5.5, fill: "white", stroke: Palette.calibrationOff, width: 2.5)
        chart.text(lx + 22, ly, "prediction outside", size: 13)
        chart.text(lx + 22, ly + 16, "the band", size: 13)
        ly += 44
        chart.line(lx + 8, ly - 14, lx + 8, ly + 6, stroke: Palette.muted, width: 2)
        chart.text(lx + 22, ly - 4, "95% band of the", size: 13)
        chart.text(lx + 22, ly + 12, "observed share", size: 13)
        ly += 48
        chart.text(lx, ly, "\(table.honestBins) of \(table.bins.count) groups", size: 13, weight: "700")
        chart.text(lx, ly + 16, "consistent", size: 13, weight: "700")
        return chart.render(id: "calibration-chart", title: "Calibration: predicted against observed churn, by decile",
                            description: "For ten groups of the accounts of \(testAsOf), sorted by predicted churn, the average prediction against the share that left within the horizon, with 95% bands. \(table.honestBins) of \(table.bins.count) groups are consistent with their prediction.")
    }
}
