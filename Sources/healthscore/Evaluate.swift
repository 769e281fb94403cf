import ArgumentParser
import Evaluation
import Exports
import Foundation
import Jobs

extension Healthscore {
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the scores against what really happened.",
            discussion: """
                Fits the model on the customers of --train-as-of, scores the customers of
                --test-as-of and compares with who churned in the --horizon days after. Side
                by side on the same accounts: a logins-only model, an NPS-only model and a
                hand-weighted 0-100 rule score. Reports AUC, log loss, Brier score, precision
                and recall of the at_risk tier, the churners and churned MRR caught in the top
                10% and 20% of the list, a calibration table by decile, and a rolling backtest
                over earlier quarters. The exports are read once for all the days.
                """
        )

        @OptionGroup var dataset: SourceOptions
        @OptionGroup var options: EvaluationOptions

        @OptionGroup var json: JSONOutputOption

        func run() throws {
            try refuseOutputsOverInputs((json.out.map { [("--out", $0)] } ?? []) + dataset.extraOutputs,
                                        inputs: try dataset.inputPaths())
            let source = try dataset.open()
            let plan = try options.plan(dataEnd: try source.requireLatestDay(), accounts: source.accounts)
            let outcome = try attempt { try EvaluateJob(plan: plan, check: options.check).run(source) }
            report(outcome.notices)
            try dataset.writeRejects()
            print(outcome.result.text)
            if let out = json.out {
                try attempt { try AtomicFile.write(Array(outcome.result.jsonData()), to: out) }
                print("\nEvery figure written to \(out)")
            }
        }
    }
}
