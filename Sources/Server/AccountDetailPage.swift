import Evaluation
import Features
import Report
import Scoring
import Store

/// `/accounts/{id}`: what a customer-success manager opens before a call: the score and
/// why, how it moved over the runs, what changed since the last run and by which
/// signal, and the account's numbers beside typical ones.
enum AccountDetailPage {
    static func render(_ detail: AccountDetail, history: AccountHistory, latestRunID: Int64) -> String {
        let row = detail.row, run = detail.run
        let name = row.name.isEmpty ? row.accountID : row.name
        let change = detail.previous.map { row.healthScore - $0.healthScore }
        let changeNote = detail.previousRun.map { previous in
            "health \(detail.previous!.healthScore) → \(row.healthScore) since \(previous.asOf)"
        } ?? "not in the run before"
        let cards = [
            HTMLReport.card("Health score", "\(row.healthScore) \(Text.badge(row.tier))",
                            "100 = certain to stay; tiers cut at \(run.thresholds.atRiskBelow) and \(run.thresholds.watchBelow)"),
            HTMLReport.card("Churn risk", Text.percent(row.churnProbability), "chance of leaving within \(run.horizonDays) days"),
            HTMLReport.card("MRR at risk", Text.money(row.revenueAtRisk), "churn risk × MRR of \(Text.money(row.mrr))"),
            HTMLReport.card("Since the last run", Text.healthChange(change), changeNote),
        ]
        let reasons = detail.reasons.isEmpty ? "<p>No single signal stands out: the account is close to the average customer.</p>"
            : "<ol class=\"reasons\">" + detail.reasons.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ol>"
        let historyRows = history.runs.reversed().map { entry in
            HTMLReport.row(["<span class=\"day\">\(entry.asOf)</span>", Text.percent(entry.churnProbability),
                            "\(entry.healthScore) \(Text.badge(entry.tier))", Text.money(entry.revenueAtRisk),
                            entry.reasons.first.map(HTML.escape) ?? "<span class=\"muted\">-</span>"], numeric: [1, 2, 3])
        }
        let body = """
            <p class="small"><a href="/accounts">‹ All accounts</a></p>
            <h1>\(HTML.escape(name))</h1>
            <p class="lede">\(Text.accountDetails(row)) · scored on \(run.asOf) (run \(run.id))\
            \(run.id == latestRunID ? "" : ", not in the latest run").</p>
            <div class="cards">\(cards.joined())</div>
            <section aria-labelledby="why-h">
            <h2 id="why-h">Why</h2>
            <p>The signals that raise this account's risk most, strongest first, in its own numbers:</p>
            \(reasons)
            </section>
            <section aria-labelledby="history-h">
            <h2 id="history-h">Health score over the runs</h2>
            <figure>\(Charts.history(history, name: name, thresholds: run.thresholds))</figure>
            </section>
            \(changeSection(detail))
            \(driversSection(detail))
            \(featureSection(detail))
            <section aria-labelledby="runs-h">
            <h2 id="runs-h">Every run</h2>
            <div class="scroll"><table class="compact">
            <thead>\(HTMLReport.row(["Run of", "Churn risk", "Health", "MRR at risk", "Strongest reason"], numeric: [1, 2, 3], header: true))</thead>
            <tbody>\(historyRows.joined(separator: "\n"))</tbody></table></div>
            <p class="small muted">As JSON: <a href="\(HTML.escape(AccountPath.apiLink(row.accountID)))">this account</a> · \
            <a href="\(HTML.escape(AccountPath.apiLink(row.accountID) + "/history"))">its history</a></p>
            </section>
            """
        return Layout.page(title: name, section: .accounts, body: body)
    }

    /// The change in log-odds since the run before, one bar per signal family (and the
    /// model, when it changed).
    static func changeSection(_ detail: AccountDetail) -> String {
        guard let terms = detail.change, let previousRun = detail.previousRun, let previous = detail.previous else {
            return """
                <section aria-labelledby="change-h"><h2 id="change-h">What changed since the last run</h2>
                <p>The account is not in the run before this one, so there is nothing to compare.</p></section>
                """
        }
        var items = zip(SignalFamily.allCases, terms.families).map { (label: Text.familyName($0.rawValue), value: $1) }
        if terms.model != 0 || previousRun.modelFingerprint != detail.run.modelFingerprint {
            items.append((label: Text.familyName("model"), value: terms.model))
        }
        let direction = terms.total > 0 ? "rose" : terms.total < 0 ? "fell" : "did not move"
        let chart = Charts.terms(items, id: "change-chart", title: "What moved the churn risk since \(previousRun.asOf)",
                                 description: "Change in log-odds of churn by signal family between \(previousRun.asOf) and \(detail.run.asOf): "
                                    + items.map { "\($0.label) \(Text.signed($0.value))" }.joined(separator: ", ") + ".")
        return """
            <section aria-labelledby="change-h">
            <h2 id="change-h">What changed since the last run</h2>
            <p>From \(previousRun.asOf) to \(detail.run.asOf) the churn risk \(direction): \
            \(Text.percent(previous.churnProbability)) → \(Text.percent(detail.row.churnProbability)), \
            \(Text.signed(terms.total)) in log-odds. Each bar is one kind of signal's share of that change; \
            the bars add up to the whole.</p>
            <figure>\(chart)</figure>
            </section>
            """
    }

    /// Each family's pull on the risk now, against the average customer of the model.
    static func driversSection(_ detail: AccountDetail) -> String {
        let items = zip(SignalFamily.allCases, detail.contributions).map { (label: Text.familyName($0.rawValue), value: $1) }
        let chart = Charts.terms(items, id: "drivers-chart", title: "What drives the churn risk on \(detail.run.asOf)",
                                 description: "Contribution of each signal family to the log-odds of churn, against the model's average customer: "
                                    + items.map { "\($0.label) \(Text.signed($0.value))" }.joined(separator: ", ") + ".")
        return """
            <section aria-labelledby="drivers-h">
            <h2 id="drivers-h">What drives the risk now</h2>
            <p>Each kind of signal's pull on the log-odds of leaving, against the model's average customer \
            (right raises the risk, left lowers it).</p>
            <figure>\(chart)</figure>
            </section>
            """
    }

    /// The account's feature values beside the run's medians.
    static func featureSection(_ detail: AccountDetail) -> String {
        let rows = detail.features.map { reading in
            let unit = FeatureDisplay.unit(reading.name)
            return HTMLReport.row([
                "\(HTML.escape(FeatureLabels.plain(reading.name)))<br><span class=\"small muted\"><code>\(HTML.escape(reading.name))</code>\(unit.isEmpty ? "" : ", \(unit)")</span>",
                "<strong>\(FeatureDisplay.text(reading.name, reading.value))</strong>",
                FeatureDisplay.text(reading.name, reading.healthyMedian),
                FeatureDisplay.text(reading.name, reading.median),
            ], numeric: [1, 2, 3])
        }
        return """
            <section aria-labelledby="features-h">
            <h2 id="features-h">Its numbers against typical ones</h2>
            <p>The account's values on \(detail.run.asOf) beside the medians of the run's healthy accounts and of all its accounts.</p>
            <div class="scroll"><table class="compact">
            <thead>\(HTMLReport.row(["Signal", "This account", "Typical healthy account", "Typical account"], numeric: [1, 2, 3], header: true))</thead>
            <tbody>\(rows.joined(separator: "\n"))</tbody></table></div>
            </section>
            """
    }
}
