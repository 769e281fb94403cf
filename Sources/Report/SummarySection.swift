import Evaluation
import Scoring

extension HTMLReport {
    static func summarySection(_ data: ReportData) -> String {
        let holdout = data.evaluation.holdout
        let model = holdout[.model]
        let count = { (tier: Tier) in data.currentScores.filter { $0.tier == tier }.count }
        let expectedLoss = data.currentScores.reduce(0) { $0 + $1.revenueAtRisk }
        let best = ScoringMethod.baselines.max { (holdout[$0].auc ?? 0) < (holdout[$1].auc ?? 0) } ?? .loginsOnly
        let difference = (model.auc ?? 0) - (holdout[best].auc ?? 0)
        let top = model.capture(at: 0.1)
        let ruleTop = holdout[.ruleScore].capture(at: 0.1)
        let calibration = model.calibration
        // "Better" only when the paired DeLong interval of the difference lies above 0.
        let test = model.checks?.difference(from: best)
        let beatsBest = test.map { $0.isSignificant && $0.difference > 0 } ?? false
        var cards = [
            card("Customers at risk on \(data.dataEnd)", "\(count(.atRisk)) at_risk",
                 "and \(count(.watch)) on watch, of \(Format.count(data.currentScores.count)) customers"),
            card("MRR expected to leave within \(holdout.horizonDays) days", Format.money(expectedLoss),
                 "churn probability × MRR, summed over every customer"),
            card(beatsBest ? "Ranks leavers better than the best simple score" : "Not distinguishable from the best simple score",
                 "\(difference >= 0 ? "+" : "−")\(Format.decimal(abs(difference), 2)) AUC",
                 "\(Format.decimal(model.auc, 2)) against \(Format.decimal(holdout[best].auc, 2)) for \(best.titleInSentence), tested on \(holdout.testAsOf)"
                    + (test.map { "; 95% interval \(Format.signed($0.lower, 2)) to \(Format.signed($0.upper, 2)), \(Format.pValue($0.pValue))" } ?? "")),
            card("Leavers in the top 10% of the list", Format.percent(top?.churnerShare, 0),
                 "and \(Format.percent(top?.revenueShare, 0)) of their MRR; the rule score’s top 10% held \(Format.percent(ruleTop?.churnerShare, 0))"),
        ]
        if let calibration, let check = model.checks?.calibration {
            cards.append(card("Percentages that hold up", check.passes ? "yes" : "no",
                              "calibration slope \(Format.decimal(check.slope?.estimate, 2)) (1 is right), \(Format.decimal(check.expected, 0)) leavers predicted, \(check.observed) left (z = \(Format.decimal(check.oeZ, 1))); \(calibration.honestBins) of \(calibration.bins.count) groups consistent with their prediction"))
        }
        return """
            <section id="summary" aria-labelledby="summary-h">
            <h2 id="summary-h">At a glance</h2>
            <div class="cards">
            \(cards.joined(separator: "\n"))
            </div>
            <p class="small muted">The first two cards are about today; the others come from the honest check \
            below: a model fitted on earlier quarters, scored on the customers of \(holdout.testAsOf), compared with \
            who really left.</p>
            </section>
            """
    }
}
