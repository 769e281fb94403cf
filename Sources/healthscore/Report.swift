import ArgumentParser
import Evaluation
import Exports
import Foundation
import Jobs
import Modeling
import Report
import Survival

extension Healthscore {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One HTML page with the checks, the KPIs and this week's risk list.",
            discussion: """
                Runs the same check as `evaluate` (held-out split, baselines, backtest), \
                computes the portfolio KPIs, fits the model on the latest quarters whose \
                outcome is known, scores today's customers, and writes one self-contained HTML \
                file: charts as inline SVG, no script, no external file. Open it in any \
                browser, offline.
                """
        )

        @OptionGroup var dataset: SourceOptions
        @OptionGroup var options: EvaluationOptions
        @OptionGroup var period: PeriodOptions

        @Option(help: ArgumentHelp("Accounts shown in the risk list.", valueName: "n"))
        var top = 20

        @Option(help: "Order of the risk list: risk or revenue.")
        var sort: RiskList.Order = .risk

        @Option(help: ArgumentHelp("The trained model behind today's risk list, so the list holds the scores `score` writes with it (default: a model fitted with the recipe this report checks). A survival model adds survival curves and lifetime values.", valueName: "file"))
        var model: String?

        @OptionGroup var lifetime: LifetimeOptions

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
            try refuseOutputsOverInputs([("--out", out)] + dataset.extraOutputs,
                                        inputs: try dataset.inputPaths() + (model.map { [$0] } ?? []))
            let source = try dataset.open()
            let dataEnd = try source.requireLatestDay()
            let plan = try options.plan(dataEnd: dataEnd, accounts: source.accounts)
            let given = try model.map { path in (try attempt { try TrainedModel.load(path: path) }, file: path) }
            if let given { lifetime.noteUnused(with: given.0) }
            let job = ReportJob(evaluation: EvaluateJob(plan: plan, check: options.check), pool: TrainingPool(days: options.pool),
                                period: try period.resolve(dataEnd: dataEnd), list: RiskList(order: sort, top: top), model: given,
                                lifetime: lifetime.terms)
            let (content, notices) = try attempt { try job.run(source, dataEnd: dataEnd) }
            report(notices)
            try dataset.writeRejects()
            try attempt { try AtomicFile.write(Array(HTMLReport.render(content).utf8), to: out) }
            print(content.evaluation.holdout.verdict)
            print("Report written to \(out)")
        }
    }
}
