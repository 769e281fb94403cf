import Evaluation
import Scoring

extension HTMLReport {
    static func riskListSection(_ data: ReportData) -> String {
        let rows = data.riskList.enumerated().map { index, row in
            let name = row.name.isEmpty ? row.accountID : row.name
            let details = [row.accountID, row.segment, row.owner].filter { !$0.isEmpty }.map(HTML.escape).joined(separator: " · ")
            let who = "<strong>\(HTML.escape(name))</strong><br><span class=\"small muted\">\(details)</span>"
            let reasons = row.reasons.isEmpty ? "<span class=\"muted\">no single signal stands out</span>"
                : "<ul class=\"reasons\">" + row.reasons.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
            return HTMLReport.row([String(index + 1), who, Format.money(row.mrr), Format.percent(row.churnProbability, 0),
                                   "\(row.healthScore) <span class=\"badge \(row.tier.rawValue)\">\(row.tier.rawValue)</span>",
                                   Format.money(row.revenueAtRisk), reasons], numeric: [0, 2, 3, 4, 5])
        }
        let order = data.listOrder == .risk ? "highest chance of leaving" : "most MRR at risk (churn probability × MRR)"
        return """
            <section id="risk-list" aria-labelledby="risk-list-h">
            <h2 id="risk-list-h">Who to call this week</h2>
            <p>The \(data.riskList.count) customers with the \(order) within \(data.currentModel.horizonDays) days \
            after \(data.dataEnd). Under each account: its id, segment and owner. “Why” lists the signals that raise each account’s risk most, in the account’s own \
            numbers. The model behind the list is \(data.modelSentence), and it predicts leaving within \
            \(data.currentModel.horizonDays) days; the next sections check how well the training recipe worked on \
            earlier quarters.</p>
            <div class="scroll"><table class="risk">
            <thead>\(row(["#", "Account", "MRR", "Churn risk", "Health", "MRR at risk", "Why"],
                         numeric: [0, 2, 3, 4, 5], header: true))</thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table></div>
            <p class="small muted">The whole list, for a spreadsheet or a CRM import: \
            <code>healthscore score</code> then <code>healthscore risks</code>.</p>
            </section>
            """
    }
}
