import Evaluation
import Report
import Scoring
import Store

/// `/accounts`: a run's accounts, filtered, searched, sorted and paged through the query
/// string, with a plain form and plain links.
enum AccountListPage {
    static func render(_ page: AccountPage, query: AccountQuery, listing: RunListing, latestRunID: Int64) -> String {
        let run = page.run
        let runParameter = run.id == latestRunID ? nil : String(run.id)
        func link(sort: AccountSort? = nil, offset: Int? = nil) -> String {
            let query = QueryString.encode([
                ("run", runParameter), ("q", query.search), ("tier", query.tier?.rawValue), ("owner", query.owner),
                ("segment", query.segment), ("sort", (sort ?? query.sort) == .risk ? nil : (sort ?? query.sort).rawValue),
                ("offset", (offset ?? 0) == 0 ? nil : String(offset ?? 0)),
                ("limit", query.limit == AccountQuery.defaultLimit ? nil : String(query.limit)),
            ])
            return query.isEmpty ? "/accounts" : "/accounts?" + query
        }
        func option(_ value: String, _ label: String, selected: Bool) -> String {
            "<option value=\"\(HTML.escape(value))\"\(selected ? " selected" : "")>\(HTML.escape(label))</option>"
        }
        let tiers = [option("", "Any tier", selected: query.tier == nil)]
            + [Tier.atRisk, .watch, .healthy].map { option($0.rawValue, Text.label($0), selected: query.tier == $0) }
        let owners = [option("", "Any owner", selected: query.owner == nil)]
            + listing.owners.map { option($0, $0.isEmpty ? "(none)" : $0, selected: query.owner == $0) }
        let segments = [option("", "Any segment", selected: query.segment == nil)]
            + listing.segments.map { option($0, $0.isEmpty ? "(none)" : $0, selected: query.segment == $0) }
        let sorts = [(AccountSort.risk, "Churn risk"), (.revenue, "MRR at risk"), (.change, "Change since last run")]
            .map { option($0.0.rawValue, $0.1, selected: query.sort == $0.0) }
        let form = """
            <form class="filters" method="get" action="/accounts" role="search">
            \(runParameter.map { "<input type=\"hidden\" name=\"run\" value=\"\($0)\">" } ?? "")
            <label>Name or id <input type="search" name="q" value="\(HTML.escape(query.search ?? ""))"></label>
            <label>Tier <select name="tier">\(tiers.joined())</select></label>
            <label>Owner <select name="owner">\(owners.joined())</select></label>
            <label>Segment <select name="segment">\(segments.joined())</select></label>
            <label>Sort by <select name="sort">\(sorts.joined())</select></label>
            <button type="submit">Show</button>
            <a href="/accounts">Clear</a>
            </form>
            """
        let rows = page.accounts.map { account in
            HTMLReport.row([
                "\(Text.accountLink(account.row))<br><span class=\"small muted\">\(Text.accountDetails(account.row))</span>",
                Text.money(account.row.mrr),
                Text.percent(account.row.churnProbability),
                "\(account.row.healthScore) \(Text.badge(account.row.tier))",
                Text.healthChange(account.healthScoreChange),
                Text.money(account.row.revenueAtRisk),
                account.row.topReason.map(HTML.escape) ?? "<span class=\"muted\">no single signal stands out</span>",
            ], numeric: [1, 2, 3, 4, 5])
        }
        func header(_ label: String, _ sort: AccountSort) -> String {
            query.sort == sort ? "\(label) ▼" : "<a href=\"\(HTML.escape(link(sort: sort)))\">\(label)</a>"
        }
        let first = page.total == 0 ? 0 : page.offset + 1
        let last = page.offset + page.accounts.count
        let pageNumber = page.offset / page.limit + 1, pages = max(1, (page.total + page.limit - 1) / page.limit)
        var pager: [String] = []
        if let previous = page.previousOffset {
            pager.append("<a href=\"\(HTML.escape(link(offset: 0)))\">« First</a>")
            pager.append("<a rel=\"prev\" href=\"\(HTML.escape(link(offset: previous)))\">‹ Previous</a>")
        }
        pager.append("<span class=\"muted\">Page \(Format.count(pageNumber)) of \(Format.count(pages))</span>")
        if let next = page.nextOffset {
            pager.append("<a rel=\"next\" href=\"\(HTML.escape(link(offset: next)))\">Next ›</a>")
            pager.append("<a href=\"\(HTML.escape(link(offset: (pages - 1) * page.limit)))\">Last »</a>")
        }
        let since = page.previousRun.map { "since \($0.asOf)" } ?? "(first run)"
        let table = page.accounts.isEmpty
            ? "<p><strong>No account matches.</strong> <a href=\"/accounts\">Show every account</a></p>"
            : """
            <div class="scroll"><table class="accounts">
            <thead>\(HTMLReport.row(["Account", "MRR", header("Churn risk", .risk), "Health", header("Change", .change) + "<br><span class=\"small muted\">\(since)</span>",
                                     header("MRR at risk", .revenue), "Strongest reason"], numeric: [1, 2, 3, 4, 5], header: true))</thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table></div>
            """
        let body = """
            <h1>Accounts on \(run.asOf)</h1>
            <p class="lede">Run \(run.id), \(Format.count(run.accountCount)) accounts, churn risk within \(run.horizonDays) days.\
            \(run.id == latestRunID ? "" : " An earlier run: <a href=\"/accounts\">the latest run</a>.")</p>
            \(form)
            <p>\(Format.count(page.total)) account\(page.total == 1 ? "" : "s") match\(page.total == 1 ? "es" : ""); \
            showing \(Format.count(first))–\(Format.count(last)).</p>
            \(table)
            <nav class="pages" aria-label="Pages">\(pager.joined(separator: "\n"))</nav>
            """
        return Layout.page(title: "Accounts on \(run.asOf)", section: .accounts, body: body)
    }
}
