import ArgumentParser
import Evaluation
import Exports
import Foundation
import Modeling
import Report

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "One HTML page with the checks, the KPIs and this week's risk list.",
        discussion: """
            Runs the same check as `evaluate` (held-out split, baselines, backtest), computes
            the portfolio KPIs, fits the model on the latest quarters whose outcome is known,
            scores today's customers, and writes one self-contained HTML file: charts as
            inline SVG, no script, no external file. Open it in any browser, offline.
            """
    )

    @OptionGroup var dataset: DatasetOptions
    @OptionGroup var options: EvaluationOptions
    @OptionGroup var period: PeriodOptions

    @Option(help: ArgumentHelp("Accounts shown in the risk list.", valueName: "n"))
    var top = 20

    @Option(help: "Order of the risk list: risk or revenue.")
    var sort: RiskList.Order = .risk

    @Option(help: ArgumentHelp("Where to write the report (.html).", valueName: "file"))
    var out: String

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be 1 or more, e.g. --top 20") }
        let lower = out.lowercased()
        guard lower.hasSuffix(".html") || lower.hasSuffix(".htm") else {
            throw ValidationError("--out writes HTML: end the file name in .html")
        }
    }

    func run() throws {
        let data = try dataset.open()
        let dataEnd = try data.requireLatestDay()
        let plan = try options.plan(dataEnd: dataEnd)
        let content = try attempt {
            try ReportData.gather(dataset: data, dataEnd: dataEnd, plan: plan, check: options.check,
                                  pool: TrainingPool(days: options.pool), period: try period.resolve(dataEnd: dataEnd),
                                  list: RiskList(order: sort, top: top))
        }
        try attempt { try AtomicFile.write(Array(HTMLReport.render(content).utf8), to: out) }
        let holdout = content.evaluation.holdout
        print(holdout.verdict)
        print("Report written to \(out)")
    }
}
