import ArgumentParser
import Foundation
import Exports
import Features
import Ingest
import Jobs
import Modeling
import Regression
import Survival

extension Healthscore {
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Learn a churn model from history.",
            discussion: """
                Takes the customers live on --as-of, computes their features from events on or \
                before that day, labels each one by whether it churned in the --horizon days \
                after, and fits a logistic regression. Prints the coefficient table (per \
                standard deviation of each feature) and saves the model.

                By default the customers of the three quarter ends before --as-of are pooled \
                with those of --as-of (--pool 4), each labelled by churn in the horizon after \
                its own day: four times the churners to learn from. `healthscore evaluate` \
                shows what that gains; --pool 1 fits on --as-of alone.

                Pick --as-of at least --horizon days before the end of your data, so every \
                account's outcome is known.

                --survival fits a discrete-time hazard model instead: one row per account \
                per month it was a customer, from the start of the history to --as-of, \
                features as of the month's start, 1 if it churned in that month, months of \
                tenure in six periods. Scoring with it adds churn within 30, 90, 180 and \
                365 days, the expected lifetime and the lifetime value (docs/survival.md).
                """
        )

        @OptionGroup var dataset: SourceOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp("The training snapshot day: features use events up to and including it.", valueName: "yyyy-mm-dd"), transform: parseDay)
        var asOf: CalendarDay

        @Option(help: ArgumentHelp("Days after --as-of in which a churn counts (with --survival: the days of the churn probability a score gives).", valueName: "days"))
        var horizon = 90

        @Option(help: ArgumentHelp("Days pooled: --as-of and the quarter ends before it (1 = --as-of only; default 4). Not with --survival, which pools every month.", valueName: "n"))
        var pool: Int?

        @Flag(help: "Fit a survival model on every month up to --as-of.")
        var survival = false

        @Option(help: ArgumentHelp("Where to save the model (default: Models/churn-model.json, with --survival Models/survival-model.json).", valueName: "file"))
        var model: String?

        @Option(help: ArgumentHelp("Ridge penalty on the standardised coefficients: auto chooses it by 5-fold cross-validation; 0 fits plain maximum likelihood (exact standard errors); a number fixes it.", valueName: "auto|lambda"))
        var l2: Penalty = .auto

        @Option(help: ArgumentHelp("Features to fit: default, all, or a comma-separated list of names from the README's table.", valueName: "list"))
        var features = "default"

        func validate() throws {
            try OptionLimits.checkHorizon(horizon)
            _ = try selectedFeatures()
            if let pool { try OptionLimits.checkPool(pool) }
            try l2.validate()
            if survival, pool != nil {
                throw ValidationError("--pool is for churn models: --survival pools every month of the history")
            }
        }

        var modelPath: String { model ?? (survival ? "Models/survival-model.json" : "Models/churn-model.json") }

        func run() throws {
            try refuseOutputsOverInputs([("--model", modelPath)] + dataset.extraOutputs, inputs: try dataset.inputPaths())
            if survival { return try runSurvival() }
            let pool = self.pool ?? TrainingPool.defaultDays
            let model = modelPath
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
            if self.model == nil { try attempt { try ensureParentFolder(of: model) } }
            try attempt { try AtomicFile.write(Array(result.model.encoded()), to: model) }
            print("Model saved to \(model)")
        }

        func runSurvival() throws {
            let job = SurvivalTrainJob(asOf: asOf, trainer: SurvivalTrainer(horizonDays: horizon, l2: l2.fixedValue),
                                       features: try selectedFeatures())
            let outcome = try attempt { try job.run(try dataset.open()) }
            report(outcome.notices.filter { if case .featureLeftOut = $0 { false } else { true } })
            try dataset.writeRejects()
            let result = outcome.result, trained = result.model
            let summary = trained.training
            func month(after day: CalendarDay) -> String { String(day.adding(days: 1).description.prefix(7)) }
            print("Trained a survival model on \(summary.accounts) account-months of \(trained.customers) customers: the \(trained.months) months \(month(after: trained.firstMonth)) to \(month(after: trained.asOf)), features as of the month ends \(trained.firstMonth) ... \(trained.asOf); \(summary.churned) churned in their month (\(percent(Double(summary.churned) / Double(summary.accounts), decimals: 2))).")
            print("Coefficients are per standard deviation of each feature, on the log-odds of churning in a month; tenure periods against the first (\(trained.tenurePeriods[0].name)).\n")
            if !result.penaltyTrials.isEmpty { print(penaltyReport(result.penaltyTrials, chosen: trained.l2)) }
            print(result.fit.coefficientTable())
            let drift = trained.drift
            print(String(format: "Score drift: %.1f%% of an account's distance from the average score remains a month later (variance of the monthly change %.3f, from %d pairs of months).",
                         100 * drift.persistence, drift.innovationVariance, drift.pairs))
            print(String(format: "In-sample AUC of the monthly hazard: %.3f (optimistic; `healthscore evaluate --survival` checks the curves on later data)", summary.inSampleAUC))
            report(outcome.notices.filter { if case .featureLeftOut = $0 { true } else { false } })
            let model = modelPath
            if self.model == nil { try attempt { try ensureParentFolder(of: model) } }
            try attempt { try AtomicFile.write(Array(trained.encoded()), to: model) }
            print("Survival model saved to \(model)")
        }
    }
}

extension Healthscore.Train {
    func selectedFeatures() throws -> [FeatureDefinition] {
        switch features {
        case "default": return survival ? SurvivalTrainer.defaultFeatures : FeatureCatalog.defaultModel
        case "all": return survival ? FeatureCatalog.all.filter { $0.family != .tenure } : FeatureCatalog.all
        default:
            return try features.split(separator: ",").map { name in
                let name = name.trimmingCharacters(in: .whitespaces)
                guard let definition = FeatureCatalog.definition(named: name) else {
                    throw ValidationError("no feature '\(name)'; choose from: \(FeatureCatalog.all.map(\.name).joined(separator: ", "))")
                }
                if survival, definition.family == .tenure {
                    throw ValidationError("--survival enters tenure through its tenure periods: leave '\(name)' out of --features")
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
