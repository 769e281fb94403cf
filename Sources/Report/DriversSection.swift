import Evaluation
import Foundation

extension HTMLReport {
    static func driversSection(_ data: ReportData) -> String {
        let model = data.currentModel
        let strongest = model.features.max { abs($0.coefficient.estimate) < abs($1.coefficient.estimate) }
        let example = strongest.map { f in
            let ratio = exp(f.coefficient.estimate)
            let direction = ratio >= 1 ? "multiplies the odds of leaving by \(OddsRatioChart.formatRatio(ratio))"
                : "divides the odds of leaving by \(OddsRatioChart.formatRatio(1 / ratio))"
            return "The strongest signal here is “\(FeatureLabels.plain(f.name))”: one standard deviation more \(direction)."
        } ?? ""
        let leftOut = model.leftOut.isEmpty ? "" : "<p class=\"small muted\">Left out of the fit: \(HTML.escape(model.leftOut.joined(separator: "; "))).</p>"
        return """
            <section id="drivers" aria-labelledby="drivers-h">
            <h2 id="drivers-h">What drives the risk</h2>
            <p>How each signal moves the chance of leaving, in the model behind today’s list (\(data.modelSentence), \
            \(data.survival == nil
                ? "\(Format.count(model.training.accounts)) account-days, \(Format.count(model.training.churned)) of which left within \(model.horizonDays) days"
                : "\(Format.count(model.training.accounts)) account-months, \(Format.count(model.training.churned)) of which ended in a churn: the odds below are those of leaving in a month")).</p>
            <figure>
            \(OddsRatioChart.render(model))
            </figure>
            <div class="explain">
            <p><strong>How to read it.</strong> Each dot is an odds ratio: how the odds of leaving change when a signal \
            moves by one standard deviation (a typical difference between two accounts), the other signals being \
            equal. Right of the line raises the risk, left lowers it; the bar is the 95% range of the estimate. A bar \
            that crosses the line (hollow dot) means the data cannot tell that signal’s effect from none. \(example)</p>
            <p>Signals that move together (logins and days since the last login, MRR and seats) share their effect, so \
            one of a pair can look weak while the pair matters. When several quarters are pooled, an account counts \
            once per quarter, so the ranges are somewhat narrower than they should be.</p>
            </div>
            \(leftOut)
            </section>
            """
    }
}
