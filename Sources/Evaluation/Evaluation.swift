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
package struct Evaluation: Sendable, Encodable {
    package let plan: EvaluationPlan
    package let holdout: HoldoutResult
    package let backtest: [BacktestFold]

    /// Runs the plan on snapshots built beforehand for `plan.snapshotDays` (with
    /// `Snapshot.build(_:asOf:)`, which reads the exports once for all the days).
    /// The main split must succeed; a backtest fold that cannot be fitted is kept with the reason.
    package static func run(_ plan: EvaluationPlan, series: SnapshotSeries, accounts: AccountTable,
                           check: HoldoutCheck) throws(EvaluationError) -> Evaluation {
        func run(_ fold: Fold) throws(EvaluationError) -> HoldoutResult {
            guard let test = series[fold.testAsOf] else { preconditionFailure("no snapshot built for \(fold.testAsOf)") }
            let days = fold.trainingDays.filter { $0 == fold.trainAsOf || series.hasFullHistory($0) }
            let train = days.compactMap { series[$0] }
            precondition(train.count == days.count, "a training day of the plan has no snapshot")
            return try check.run(train: train, test: test, accounts: accounts)
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
        return Evaluation(plan: plan, holdout: holdout, backtest: backtest)
    }

    /// Builds the snapshots (one read of the exports) and runs the plan. `extraDays` are
    /// built in the same read for the caller (e.g. today, for a risk list).
    package static func run(_ plan: EvaluationPlan, dataset: DatasetFolder, check: HoldoutCheck,
                           extraDays: [CalendarDay] = []) throws -> (Evaluation, SnapshotSeries) {
        let days = Array(Set(plan.snapshotDays + extraDays)).sorted()
        let series = try Snapshot.build(dataset, asOf: days)
        return (try run(plan, series: series, accounts: dataset.accounts, check: check), series)
    }
}
