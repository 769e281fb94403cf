import ArgumentParser
import Evaluation
import Ingest
import Modeling
import Scoring

/// The options `evaluate` and `report` share: which days to train and test on, the
/// horizon, the backtest and the tiers.
struct EvaluationOptions: ParsableArguments {
    @Option(name: .customLong("train-as-of"), help: ArgumentHelp("Fit on the customers of this day (default: the latest month end whose horizon has passed by the test day).", valueName: "yyyy-mm-dd"), transform: parseDay)
    var trainAsOf: CalendarDay?

    @Option(name: .customLong("test-as-of"), help: ArgumentHelp("Check on the customers of this day (default: the latest month end whose horizon lies inside the data).", valueName: "yyyy-mm-dd"), transform: parseDay)
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
        try OptionLimits.checkHorizon(horizon)
        try OptionLimits.check(folds, in: OptionLimits.folds, option: "folds", unit: "folds", example: "4")
        try OptionLimits.check(every, in: OptionLimits.stepMonths, option: "every", unit: "months", example: "3")
        try OptionLimits.checkPool(pool)
        try l2.validate()
    }

    var check: HoldoutCheck {
        HoldoutCheck(horizonDays: horizon, l2: l2.fixedValue, thresholds: tiers.thresholds)
    }

    /// The plan; the default test day is the latest month end inside the data with churners.
    func plan(dataEnd: CalendarDay, accounts: AccountTable) throws -> EvaluationPlan {
        let horizon = horizon
        return try attempt {
            try EvaluationPlan.make(dataEnd: dataEnd, horizonDays: horizon, train: trainAsOf, test: testAsOf,
                                    folds: folds, stepMonths: every, pool: TrainingPool(days: pool),
                                    churners: { EvaluationPlan.churners(accounts, on: $0, horizonDays: horizon) })
        }
    }
}
