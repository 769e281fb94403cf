import Evaluation

extension HTMLReport {
    static func tierSection(_ data: ReportData) -> String {
        let h = data.evaluation.holdout
        let rows = h.tiers.map { outcome in
            row(["<span class=\"badge \(outcome.tier.rawValue)\">\(TierChart.tierName(outcome.tier, data.thresholds))</span>",
                 String(outcome.accounts), String(outcome.churned), Format.percent(outcome.churnRate, 0)],
                numeric: [1, 2, 3])
        }
        return """
            <section id="tiers" aria-labelledby="tiers-h">
            <h2 id="tiers-h">How the tiers played out</h2>
            <p>The health scores the model gave the customers of \(h.testAsOf), and what became of them. Health is \
            100 × (1 − churn risk): a health of 80 means a 20% chance of leaving within \(h.horizonDays) days.</p>
            <figure>
            \(TierChart.render(h, thresholds: data.thresholds))
            </figure>
            <div class="explain">
            <p><strong>How to read it.</strong> Each bar counts the accounts in a band of 5 health points, coloured by \
            tier; the hatched part of a bar are the accounts that left. Most customers are healthy and stay; the \
            leavers gather towards the left. A tier is worth its name when the share that left falls from at_risk to \
            watch to healthy, as in the table.</p>
            <p>The cut-offs are yours to set when scoring. \(data.thresholds.shares == nil ? """
            The defaults: at_risk below \(data.thresholds.atRiskBelow) means more likely to leave than to stay; watch \
            below \(data.thresholds.watchBelow) means a one-in-four chance or more.
            """ : "This report cuts the tiers by share of the book: \(data.thresholds.summary); the bands of the chart show health scores.")</p>
            </div>
            <table>
            <thead>\(row(["Tier", "Accounts", "Left", "Share that left"], numeric: [1, 2, 3], header: true))</thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table>
            </section>
            """
    }
}
