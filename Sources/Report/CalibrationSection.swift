import Evaluation

extension HTMLReport {
    static func calibrationSection(_ data: ReportData) -> String {
        let h = data.evaluation.holdout
        guard let table = h[.model].calibration else { return "" }
        let rows = table.bins.map { bin in
            let verdict = bin.honest ? "<span class=\"badge ok\">consistent</span>"
                : "<span class=\"badge off\">\(bin.meanPredicted > bin.band.upper ? "too high" : "too low")</span>"
            return row([String(bin.index), String(bin.accounts), Format.percent(bin.meanPredicted),
                        "\(bin.churned) (\(Format.percent(bin.observedRate)))",
                        "\(Format.percent(bin.band.lower)) – \(Format.percent(bin.band.upper))", verdict],
                       numeric: [0, 1, 2, 3, 4])
        }
        return """
            <section id="calibration" aria-labelledby="calibration-h">
            <h2 id="calibration-h">Can you trust the percentages?</h2>
            <p>A churn risk of 30% should mean that about 3 in 10 such accounts leave. To check, the \
            \(Format.count(h.testAccounts)) customers of \(h.testAsOf) are sorted by predicted risk and cut into ten \
            equal groups, and each group’s average prediction is set against the share that actually left.</p>
            <figure>
            \(CalibrationChart.render(table, testAsOf: h.testAsOf.description))
            </figure>
            <div class="explain">
            <p><strong>How to read it.</strong> Each dot is one group: across, the average risk the model gave it; up, \
            the share of its accounts that left. The bar is the range chance alone could produce with so few accounts \
            (a 95% Wilson interval). When the diagonal passes through a group’s bar, what happened is consistent with \
            the prediction; a group whose bar misses the diagonal is drawn as a hollow diamond.</p>
            <p>Here \(table.honestBins) of \(table.bins.count) groups are consistent. Overall the model expected \
            \(Format.decimal(table.expectedChurners, 1)) leavers and \(table.observedChurners) left. With ten groups, \
            one falling outside its 95% band now and then is expected even for a perfect model.</p>
            </div>
            <div class="scroll"><table>
            <thead>\(row(["Group", "Accounts", "Predicted", "Left", "95% band of the share that left", "Verdict"],
                         numeric: [0, 1, 2, 3, 4], header: true))</thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table></div>
            </section>
            """
    }
}
