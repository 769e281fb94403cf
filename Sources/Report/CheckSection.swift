import Evaluation
import Foundation

extension HTMLReport {
    /// The held-out check: ROC curves and the side-by-side table of the model and the baselines.
    static func checkSection(_ data: ReportData) -> String {
        let h = data.evaluation.holdout
        let bestAUC = h.methods.compactMap(\.auc).max()
        let rows = h.methods.map { m in
            let top10 = m.capture(at: 0.1), top20 = m.capture(at: 0.2)
            let auc = Format.decimal(m.auc)
            let name = m.method == .model ? "<strong>\(m.method.title)</strong>" : m.method.title
            return row(["\(name)<br><span class=\"small muted\">\(m.method.summary)</span>",
                        m.auc != nil && m.auc == bestAUC ? "<strong>\(auc)</strong>" : auc,
                        Format.decimal(m.logLoss), Format.decimal(m.brierScore),
                        "\(m.flaggedTier.flagged) \(m.flaggedTier.name)",
                        Format.percent(m.flaggedTier.precision, 0), Format.percent(m.flaggedTier.recall, 0),
                        Format.percent(top10?.churnerShare, 0), Format.percent(top10?.revenueShare, 0),
                        Format.percent(top20?.churnerShare, 0), Format.percent(top20?.revenueShare, 0)],
                       numeric: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], rowClass: m.method == .model ? "model" : nil)
        }
        let model = h[.model]
        let top10 = model.capture(at: 0.1)
        return """
            <section id="check" aria-labelledby="check-h">
            <h2 id="check-h">Does the score predict who leaves?</h2>
            <p>To check the model honestly, healthscore went back in time. It fitted the model on \
            \(HTML.escape(h.trainingDescription)). Then it scored the \(Format.count(h.testAccounts)) customers of \
            \(h.testAsOf) with what was known on that day, and compared with who really left in the following \
            \(h.horizonDays) days: \(h.testChurned) accounts (\(Format.percent(h.testChurnRate))), with \
            \(Format.money(h.testChurnedRevenue)) of MRR. Three simpler scores were built from the same data in the same \
            way, to show what the model adds.</p>
            <figure>
            \(ROCChart.render(h))
            </figure>
            <div class="explain">
            <p><strong>How to read it.</strong> Work down a list from the riskiest account. Each line shows how many \
            of the accounts that left you would have reached (up) for how many loyal accounts you would also have \
            called (right). A line that rises steeply and hugs the top-left corner is a list worth calling; the dotted \
            diagonal is what a random order gives.</p>
            <p>The AUC, the area under a line, is the chance that the list ranks a random leaver above a random \
            stayer: 0.5 is a coin toss, 1.0 a perfect list. Here the model scores \(Format.decimal(model.auc)).</p>
            </div>
            <div class="scroll"><table class="compare compact">
            <thead>
            <tr><th rowspan="2">Method</th><th rowspan="2" class="num">AUC</th>\
            <th rowspan="2" class="num">Log loss</th><th rowspan="2" class="num">Brier</th>\
            <th colspan="3">Flagged tier</th><th colspan="2">Top 10% of the list<br>(\(top10?.accounts ?? 0) accounts)</th>\
            <th colspan="2">Top 20%<br>(\(model.capture(at: 0.2)?.accounts ?? 0) accounts)</th></tr>
            \(row(["accounts", "precision", "recall", "leavers", "their MRR", "leavers", "their MRR"],
                  numeric: [0, 1, 2, 3, 4, 5, 6], header: true))
            </thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table></div>
            <div class="explain">
            <p><strong>AUC</strong>: higher is better (see above). <strong>Log loss</strong> and <strong>Brier \
            score</strong> judge the percentages themselves, account by account; lower is better. Predicting the \
            average churn rate for everyone would score \
            \(Format.decimal(baselineLogLoss(h.testChurnRate))) and \(Format.decimal(h.testChurnRate * (1 - h.testChurnRate))). \
            The rule score is not a probability, so it has neither.</p>
            <p><strong>Flagged tier</strong>: the accounts the method tells you to act on (at_risk: \
            \(data.thresholds.shares == nil ? "health below \(data.thresholds.atRiskBelow), more likely to leave than to stay" : data.thresholds.summary); red for the rule score). \
            <strong>Precision</strong>: of those flagged, the share that left. <strong>Recall</strong>: of those who \
            left, the share that was flagged.</p>
            <p><strong>Top 10% / 20%</strong>: if the team calls only the top of the list, the share of all leavers \
            it reaches, and the share of their MRR. Calling the model’s top 10% would have reached \
            \(Format.percent(top10?.churnerShare, 0)) of the leavers; a random 10% reaches 10%.</p>
            </div>
            </section>
            """
    }

    /// Log loss of predicting the base rate b for everyone: the entropy of b.
    static func baselineLogLoss(_ b: Double) -> Double? {
        guard b > 0, b < 1 else { return nil }
        return -(b * log(b) + (1 - b) * log(1 - b))
    }
}
