import Evaluation
import Report
import Scoring
import Store

/// `/`: the portfolio on the latest run, its trend over the runs, and who moved most
/// since the run before.
enum PortfolioPage {
    static let moversShown = 10

    static func render(runs: [RunSummary], totals: [RunTotals], listing: RunListing) -> String {
        let run = listing.run
        let now = totals.last!
        let before = totals.count > 1 ? totals[totals.count - 2] : nil
        let share = now.totalMRR > 0 ? now.revenueAtRisk / now.totalMRR : nil
        var riskNote = share.map { "\(Format.percent($0, 1)) of \(Text.money(now.totalMRR)) MRR" } ?? "MRR unknown"
        if let before {
            let delta = now.revenueAtRisk - before.revenueAtRisk
            riskNote += "; \(delta >= 0 ? "up" : "down") \(Text.money(abs(delta))) since \(listing.previousRun?.asOf.description ?? "the run before")"
        }
        func tierCard(_ tier: Tier) -> String {
            let accounts = now.accounts[tier] ?? 0
            var note = "\(Text.money(now.mrr[tier] ?? 0)) MRR"
            if let before {
                let delta = accounts - (before.accounts[tier] ?? 0)
                note += delta == 0 ? "; as many as last run" : "; \(delta > 0 ? "+" : "−")\(abs(delta)) since last run"
            }
            return HTMLReport.card("\(Text.badge(tier)) accounts", Format.count(accounts), note)
        }
        let cards = [
            HTMLReport.card("MRR at risk", Text.money(now.revenueAtRisk), riskNote),
            tierCard(.atRisk), tierCard(.watch), tierCard(.healthy),
        ]
        let movers = listing.biggestRises(moversShown)
        let moverRows = movers.map { account in
            HTMLReport.row([
                "\(Text.accountLink(account.row))<br><span class=\"small muted\">\(Text.accountDetails(account.row))</span>",
                "\(account.previousHealthScore.map(String.init) ?? "-") → \(account.row.healthScore) \(Text.badge(account.row.tier))",
                Text.healthChange(account.healthScoreChange),
                Text.money(account.row.revenueAtRisk),
                account.row.topReason.map(HTML.escape) ?? "<span class=\"muted\">no single signal stands out</span>",
            ], numeric: [2, 3])
        }
        let moversSection: String
        if listing.previousRun == nil {
            moversSection = "<p>This is the store's first run: changes show from the second run on.</p>"
        } else if movers.isEmpty {
            moversSection = "<p>No account's risk rose since \(listing.previousRun!.asOf).</p>"
        } else {
            moversSection = """
                <div class="scroll"><table class="accounts">
                <thead>\(HTMLReport.row(["Account", "Health then → now", "Change", "MRR at risk", "Strongest reason"], numeric: [2, 3], header: true))</thead>
                <tbody>
                \(moverRows.joined(separator: "\n"))
                </tbody></table></div>
                <p><a href="/accounts?sort=change">Every account by its change since \(listing.previousRun!.asOf)</a></p>
                """
        }
        let body = """
            <h1>Portfolio on \(run.asOf)</h1>
            <p class="lede">\(Format.count(now.accountCount)) accounts scored on \(run.asOf) (run \(run.id)), churn risk \
            within \(run.horizonDays) days, by the model trained on \(run.modelAsOf). \(runs.count) run\(runs.count == 1 ? "" : "s") in the store.</p>
            <div class="cards">\(cards.joined())</div>
            <p><a href="/accounts?tier=at_risk&amp;sort=revenue">At-risk accounts, most MRR at risk first</a> · \
            <a href="/accounts?sort=revenue">All accounts by MRR at risk</a></p>
            <section aria-labelledby="movers-h">
            <h2 id="movers-h">Biggest movers since the last run</h2>
            <p>The accounts whose chance of leaving rose most since \(listing.previousRun?.asOf.description ?? "the run before").</p>
            \(moversSection)
            </section>
            <section aria-labelledby="trend-h">
            <h2 id="trend-h">Trend over the runs</h2>
            <div class="columns">
            <figure>\(Charts.mrrAtRisk(runs, totals))</figure>
            <figure>\(Charts.tierShares(runs, totals))</figure>
            </div>
            </section>
            """
        return Layout.page(title: "Portfolio on \(run.asOf)", section: .portfolio, body: body)
    }

    /// The page of a store with no run yet.
    static func empty() -> String {
        Layout.page(title: "No runs yet", section: .portfolio, body: """
            <h1>No runs yet</h1>
            <p class="lede">The store holds no scoring run. Record one by scoring with this store; this page shows it from then on.</p>
            """)
    }
}
