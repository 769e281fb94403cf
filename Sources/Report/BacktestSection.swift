import Evaluation

extension HTMLReport {
    static func backtestSection(_ data: ReportData) -> String {
        let folds = data.evaluation.backtest
        guard !folds.isEmpty else {
            return """
                <section id="backtest" aria-labelledby="backtest-h"><h2 id="backtest-h">Backtest</h2>
                <p>No backtest was asked for.</p></section>
                """
        }
        let rows = folds.map { fold -> String in
            guard let r = fold.result else {
                return row([fold.fold.testAsOf.description, "<span class=\"muted\">skipped: \(HTML.escape(fold.skipped ?? ""))</span>",
                            "", "", "", "", "", "", "", "", "", ""])
            }
            let model = r[.model]
            let best = r.methods.compactMap(\.auc).max()
            let aucs = ScoringMethod.allCases.map { method -> String in
                let text = Format.decimal(r[method].auc)
                return r[method].auc != nil && r[method].auc == best ? "<strong>\(text)</strong>" : text
            }
            let fitted = r.trainingDays.count == 1 ? r.trainAsOf.description
                : "\(r.trainingDays.count) quarters to \(r.trainAsOf)"
            return row(["<span class=\"day\">\(r.testAsOf)</span>", "<span class=\"day\">\(fitted)</span>", Format.count(r.testAccounts),
                        "\(r.testChurned) (\(Format.percent(r.testChurnRate, 0)))"] + aucs
                       + [Format.decimal(model.logLoss), Format.decimal(model.brierScore),
                          model.calibration.map { "\($0.honestBins) of \($0.bins.count)" } ?? "–",
                          Format.percent(model.capture(at: 0.1)?.churnerShare, 0)],
                       numeric: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
        }
        let chart = BacktestChart.render(folds).map { "<figure>\n\($0)\n</figure>" } ?? ""
        return """
            <section id="backtest" aria-labelledby="backtest-h">
            <h2 id="backtest-h">The same check, quarter after quarter</h2>
            <p>One good quarter could be luck. The backtest repeats the check for each of the last \(folds.count) \
            quarters: each time the model and the baselines are fitted only on quarters whose outcome was already known \
            (\(data.evaluation.plan.horizonDays) days had passed), then judged on the customers of the next one.</p>
            \(chart)
            <div class="scroll"><table class="compact">
            <thead>
            <tr><th rowspan="2">Tested on</th><th rowspan="2">Fitted on</th><th rowspan="2" class="num">Customers</th>\
            <th rowspan="2" class="num">Left</th><th colspan="4">AUC</th><th colspan="4">healthscore model</th></tr>
            \(row(["model", "logins", "NPS", "rule", "log loss", "Brier", "calibrated", "top 10%"],
                  numeric: [0, 1, 2, 3, 4, 5, 6, 7], header: true))
            </thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table></div>
            <div class="explain">
            <p>The model ranked leavers better than every baseline, beyond chance (paired DeLong test, 95% interval \
            of the difference above 0), \(HTML.escape(data.evaluation.tally.sentence(unit: "quarter"))) (best AUC of each row in bold). “Calibrated” counts, out of ten, the groups whose share of leavers \
            was consistent with the prediction (see the calibration above); “top 10%” is the share of leavers in the \
            top tenth of the list.</p>
            </div>
            </section>
            """
    }
}
