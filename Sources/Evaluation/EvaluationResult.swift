import Features
import Ingest
import Modeling

/// One backtest fold: its result, or why it could not be run.
package struct BacktestFold: Sendable, Encodable {
    package let fold: Fold
    package let result: HoldoutResult?
    /// Why the fold was skipped (e.g. no customers yet on its training day).
    package let skipped: String?
}

/// The main train/test split and the rolling backtest.
package struct EvaluationResult: Sendable, Encodable {
    package let plan: EvaluationPlan
    package let holdout: HoldoutResult
    package let backtest: [BacktestFold]

    /// Runs the plan on snapshots built beforehand for `plan.snapshotDays` (one read of the
    /// data for all the days: `DataSource.snapshots(asOf:)`).
    /// The main split must succeed; a backtest fold that cannot be fitted is kept with the reason.
    package static func run(_ plan: EvaluationPlan, series: SnapshotSeries, accounts: AccountTable,
                           check: HoldoutCheck) throws(EvaluationError) -> EvaluationResult {
        func run(_ fold: Fold) throws(EvaluationError) -> HoldoutResult {
            guard let test = series[fold.testAsOf] else { preconditionFailure("no snapshot built for \(fold.testAsOf)") }
            return try check.run(trainingDays: fold.trainingDays, asOf: fold.trainAsOf, test: test,
                                 series: series, accounts: accounts)
        }
        let holdout = try run(plan.split)
        var backtest: [BacktestFold] = []
        for fold in plan.folds {
            if fold == plan.split {
                backtest.append(BacktestFold(fold: fold, result: holdout, skipped: nil))
                continue
            }
            do {
                backtest.append(BacktestFold(fold: fold, result: try run(fold), skipped: nil))
            } catch {
                backtest.append(BacktestFold(fold: fold, result: nil, skipped: error.description))
            }
        }
        return EvaluationResult(plan: plan, holdout: holdout, backtest: backtest)
    }
}
