import ArgumentParser
import Evaluation
import Ingest
import Modeling
import Scoring

/// The options `evaluate` and `report` share: which days to train and test on, the
/// horizon, the backtest and the tiers.
struct EvaluationOptions: ParsableArguments {
    @Option(name: .customLong("train-as-of"), help: ArgumentHelp("Fit on the customers of this day (default: the latest month end whose horizon has passed by the test day).", valueName: "yyyy-mm-dd"))
    var trainAsOf: CalendarDay?

    @Option(name: .customLong("test-as-of"), help: ArgumentHelp("Check on the customers of this day (default: the latest month end whose horizon lies inside the data).", valueName: "yyyy-mm-dd"))
    var testAsOf: CalendarDay?

    @Option(help: ArgumentHelp("Days after each as-of day in which a churn counts.", valueName: "days"))
    var horizon = 90

    @Option(help: ArgumentHelp("Backtest folds, stepping back from the test day (0 = none).", valueName: "n"))
    var folds = EvaluationPlan.defaultFolds

    @Option(help: ArgumentHelp("Months between backtest test days.", valueName: "months"))
    var every = EvaluationPlan.defaultStepMonths

    @Option(help: ArgumentHelp("Days pooled for each fit, as for `train`: the training day and the quarter ends before it (1 = the training day only).", valueName: "n"))
    var pool = TrainingPool.defaultDays

    @Option(help: ArgumentHelp("Ridge penalty of the fitted models, as for `train`: auto (cross-validated), 0 (none) or a number.", valueName: "auto|lambda"))
    var l2: Penalty = .auto

    @OptionGroup var tiers: TierOptions

    func validate() throws {
        guard horizon > 0 else { throw ValidationError("--horizon must be a positive number of days, e.g. --horizon 90") }
        guard folds >= 0 else { throw ValidationError("--folds must be 0 or more, e.g. --folds 4") }
        guard every > 0 else { throw ValidationError("--every must be 1 or more months, e.g. --every 3") }
        guard pool >= 1 else { throw ValidationError("--pool must be 1 or more, e.g. --pool 4") }
    }

    var check: HoldoutCheck {
        HoldoutCheck(horizonDays: horizon, l2: l2.fixedValue, thresholds: tiers.thresholds)
    }

    func plan(dataEnd: CalendarDay) throws -> EvaluationPlan {
        try attempt {
            try EvaluationPlan.make(dataEnd: dataEnd, horizonDays: horizon, train: trainAsOf, test: testAsOf,
                                    folds: folds, stepMonths: every, pool: TrainingPool(days: pool))
        }
    }
}
