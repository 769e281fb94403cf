import Evaluation
import Ingest

/// The report as one self-contained HTML page: inline CSS, inline SVG charts, no script
/// and no external file, so it opens offline and can be mailed as an attachment. A
/// Content-Security-Policy forbids scripts and network loads outright, as a second line
/// of defence behind the escaping of every text that comes from the data.
package enum HTMLReport {
    package static func render(_ data: ReportData) -> String {
        let title = "Churn-risk report: \(HTML.escape(data.datasetName)), data through \(data.dataEnd)"
        let sections = [summarySection(data), riskListSection(data), survivalSection(data), kpiSection(data), checkSection(data),
                        calibrationSection(data), tierSection(data), driversSection(data), backtestSection(data)]
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>\(title)</title>
            <style>
            \(ReportStyle.css)
            </style>
            </head>
            <body>
            <main>
            <header>
            <h1>Churn-risk report</h1>
            <p class="lede">Dataset <strong>\(HTML.escape(data.datasetName))</strong>, data through \(data.dataEnd). \
            “Leaving” means an account’s churned_on date falls within \(data.evaluation.plan.horizonDays) days.</p>
            <nav aria-label="Sections"><ul>
            <li><a href="#summary">At a glance</a></li>
            <li><a href="#risk-list">Who to call</a></li>
            \(data.survival == nil ? "" : "<li><a href=\"#lifetime\">What customers are worth</a></li>\n")\
            <li><a href="#kpis">Portfolio KPIs</a></li>
            <li><a href="#check">Does it predict?</a></li>
            <li><a href="#calibration">Are the percentages right?</a></li>
            <li><a href="#tiers">Tiers</a></li>
            <li><a href="#drivers">What drives risk</a></li>
            <li><a href="#backtest">Backtest</a></li>
            </ul></nav>
            </header>
            \(sections.joined(separator: "\n"))
            \(footer(data))
            </main>
            </body>
            </html>

            """
    }

    static func footer(_ data: ReportData) -> String {
        let plan = data.evaluation.plan
        return """
            <footer>
            <p>Made by <code>healthscore report</code>. Horizon \(plan.horizonDays) days; tiers: \
            \(data.thresholds.summary); each fit pools up to \
            \(plan.split.trainingDays.count) quarter ends; backtest of \(plan.folds.count) folds. \
            The evaluate command writes every figure of this page as JSON. \
            This page uses no script and no external file: it reads the same offline and on paper.</p>
            </footer>
            """
    }

    /// A card: a label, a large value and a note.
    package static func card(_ label: String, _ value: String, _ note: String) -> String {
        "<div class=\"card\"><p class=\"label\">\(label)</p><p class=\"value\">\(value)</p><p class=\"note\">\(note)</p></div>"
    }

    /// A table row; `numeric` marks the cells to right-align.
    package static func row(_ cells: [String], numeric: Set<Int> = [], header: Bool = false, rowClass: String? = nil) -> String {
        let tag = header ? "th" : "td"
        let body = cells.enumerated().map { index, cell in
            numeric.contains(index) ? "<\(tag) class=\"num\">\(cell)</\(tag)>" : "<\(tag)>\(cell)</\(tag)>"
        }.joined()
        return "<tr\(rowClass.map { " class=\"\($0)\"" } ?? "")>\(body)</tr>"
    }

    /// "2025-06-30, 2025-09-30 and 2025-12-31".
    static func list(_ days: [CalendarDay]) -> String {
        let names = days.map(\.description)
        return names.count <= 1 ? (names.first ?? "") : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
