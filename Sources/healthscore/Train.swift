import ArgumentParser
import Foundation
import Exports
import Features
import Ingest
import Jobs
import Modeling
import Regression

extension Healthscore {
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Learn a churn model from history.",
            discussion: """
                Takes the customers live on --as-of, computes their features from events on or
                before that day, labels each one by whether it churned in the --horizon days
                after, and fits a logistic regression. Prints the coefficient table (per
                standard deviation of each feature) and saves the model.

                By default the customers of the three quarter ends before --as-of are pooled
                with those of --as-of (--pool 4), each labelled by churn in the horizon after
                its own day: four times the churners to learn from. `healthscore evaluate`
                shows what that gains; --pool 1 fits on --as-of alone.

                Pick --as-of at least --horizon days before the end of your data, so every
                account's outcome is known.
                """
        )

        @OptionGroup var dataset: SourceOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp("The training snapshot day: features use events up to and including it.", valueName: "yyyy-mm-dd"), transform: parseDay)
        var asOf: CalendarDay

        @Option(help: ArgumentHelp("Days after --as-of in which a churn counts.", valueName: "days"))
        var horizon = 90

        @Option(help: ArgumentHelp("Days pooled: --as-of and the quarter ends before it (1 = --as-of only).", valueName: "n"))
        var pool = TrainingPool.defaultDays

        @Option(help: ArgumentHelp("Where to save the model.", valueName: "file"))
        var model = "Models/churn-model.json"

        @Option(help: ArgumentHelp("Ridge penalty on the standardised coefficients: auto chooses it by 5-fold cross-validation; 0 fits plain maximum likelihood (exact standard errors); a number fixes it.", valueName: "auto|lambda"))
        var l2: Penalty = .auto

        @Option(help: ArgumentHelp("Features to fit: default, all, or a comma-separated list of names from the README's table.", valueName: "list"))
        var features = "default"

        func validate() throws {
            try OptionLimits.checkHorizon(horizon)
            _ = try selectedFeatures()
            try OptionLimits.checkPool(pool)
            try l2.validate()
        }

        func run() throws {
            try refuseOutputsOverInputs([("--model", model)] + dataset.extraOutputs, inputs: try dataset.inputPaths())
            let job = TrainJob(asOf: asOf, trainer: ModelTrainer(horizonDays: horizon, l2: l2.fixedValue, features: try selectedFeatures()),
                               pool: TrainingPool(days: pool))
            let outcome = try attempt { try job.run(try dataset.open()) }
            report(outcome.notices.filter { if case .featureLeftOut = $0 { false } else { true } })
            try dataset.writeRejects()
            let result = outcome.fit.result, days = outcome.fit.days
            let summary = result.model.training
            let share = percent(Double(summary.churned) / Double(summary.accounts))
            if days.count == 1 {
                print("Trained on \(summary.accounts) accounts live on \(asOf); \(summary.churned) churned within \(horizon) days (\(share)).")
            } else {
                let listed = days.dropLast().map(\.description).joined(separator: ", ") + " and \(asOf)"
                print("Trained on the customers of \(listed): \(summary.accounts) account-days; \(summary.churned) churned within \(horizon) days of their day (\(share)).")
            }
            print("Coefficients are per standard deviation of each feature; positive means more churn risk.\n")
            if !result.penaltyTrials.isEmpty { print(penaltyReport(result.penaltyTrials, chosen: result.model.l2)) }
            print(result.fit.coefficientTable())
            print(String(format: "In-sample AUC: %.3f (optimistic; `healthscore evaluate` checks it on later data)", summary.inSampleAUC))
            report(outcome.notices.filter { if case .featureLeftOut = $0 { true } else { false } })
            if model == "Models/churn-model.json" { try attempt { try ensureParentFolder(of: model) } }
            try attempt { try AtomicFile.write(Array(result.model.encoded()), to: model) }
            print("Model saved to \(model)")
        }
    }
}

extension Healthscore.Train {
    func selectedFeatures() throws -> [FeatureDefinition] {
        switch features {
        case "default": return FeatureCatalog.defaultModel
        case "all": return FeatureCatalog.all
        default:
            return try features.split(separator: ",").map { name in
                let name = name.trimmingCharacters(in: .whitespaces)
                guard let definition = FeatureCatalog.definition(named: name) else {
                    throw ValidationError("no feature '\(name)'; choose from: \(FeatureCatalog.all.map(\.name).joined(separator: ", "))")
                }
                return definition
            }
        }
    }

    func penaltyReport(_ trials: [PenaltySelection.Trial], chosen: Double) -> String {
        var lines = ["Ridge penalty chosen by 5-fold cross-validation (held-out deviance, lower is better):"]
        for trial in trials {
            let deviance = trial.heldOutDeviance.map { String(format: "%10.2f", $0) } ?? "  cannot fit"
            let label = String(format: "%6g", trial.l2)
            lines.append("  l2 \(label)  \(deviance)\(trial.l2 == chosen ? "  <- chosen" : "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
