import ArgumentParser
import Evaluation
import Exports
import Foundation
import Jobs
import Survival

extension Healthscore {
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the scores against what really happened.",
            discussion: """
                Fits the model on the customers of --train-as-of, scores the customers of \
                --test-as-of and compares with who churned in the --horizon days after. Side \
                by side on the same accounts: a logins-only model, an NPS-only model and a \
                hand-weighted 0-100 rule score. Reports AUC, log loss, Brier score, precision \
                and recall of the at_risk tier, the churners and churned MRR caught in the top \
                10% and 20% of the list, a calibration table by decile, and a rolling backtest \
                over earlier quarters. The exports are read once for all the days.

                --survival adds a survival model (`train --survival`) fitted on every month \
                up to each training day: the AUC and calibration of its chance of churning \
                within 30, 90, 180 and 365 days on each test day whose outcome is known, \
                and its AUC against the churn model's at --horizon.
                """
        )

        @OptionGroup var dataset: SourceOptions
        @OptionGroup var options: EvaluationOptions

        @Flag(help: "Also check a survival model, at 30, 90, 180 and 365 days.")
        var survival = false

        @OptionGroup var json: JSONOutputOption

        func run() throws {
            try refuseOutputsOverInputs((json.out.map { [("--out", $0)] } ?? []) + dataset.extraOutputs,
                                        inputs: try dataset.inputPaths())
            let source = try dataset.open()
            let plan = try options.plan(dataEnd: try source.requireLatestDay(), accounts: source.accounts)
            let check = survival ? SurvivalCheck(l2: options.l2.fixedValue) : nil
            let outcome = try attempt { try EvaluateJob(plan: plan, check: options.check, survival: check).run(source) }
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
