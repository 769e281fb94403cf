import Features
import Ingest
import Modeling
import Survival

/// One backtest fold: its result, or why it could not be run.
package struct BacktestFold: Sendable, Encodable {
    package let fold: Fold
    package let result: HoldoutResult?
    /// Why the fold was skipped (e.g. no customers yet on its training day).
    package let skipped: String?
}

/// How the backtest went for the model, counting only what was measured: a fold whose test
/// day had no churner (or no stayer) has no AUC, so it is neither a win nor a loss.
package struct BacktestTally: Sendable, Equatable {
    /// Folds the model beat every baseline in (paired DeLong interval above 0).
    package var wins = 0
    /// Folds where the comparison was made.
    package var measured = 0
    /// Folds that ran but could not be measured (one class on the test day).
    package var unmeasured = 0
    /// Folds that could not be run (no customers or one class on a training day).
    package var skipped = 0

    /// "in 2 of 4 folds", with the folds that could not be measured said apart.
    package func sentence(unit: String) -> String {
        var text = "in \(wins) of \(measured) \(unit)\(measured == 1 ? "" : "s") where it could be measured"
        var apart: [String] = []
        if unmeasured > 0 { apart.append("\(unmeasured) had no churner or no stayer on the test day") }
        if skipped > 0 { apart.append("\(skipped) could not be fitted") }
        if !apart.isEmpty { text += " (" + apart.joined(separator: "; ") + ", so nothing was measured there)" }
        return text
    }
}

/// The main train/test split and the rolling backtest.
package struct EvaluationResult: Sendable, Encodable {
    package let plan: EvaluationPlan
    package let holdout: HoldoutResult
    package let backtest: [BacktestFold]
    /// The survival model beside the churn model, when asked for (`run(..., survival:)`).
    package let survival: SurvivalEvaluation?

    /// Runs the plan on snapshots built beforehand for `plan.snapshotDays` (one read of the
    /// data for all the days: `DataSource.snapshots(asOf:)`).
    /// The main split must succeed; a backtest fold that cannot be fitted is kept with the reason.
    ///
    /// With `survival`, a survival model is fitted for each split on the table's months up to
    /// the split's training day and checked on the same test accounts at every horizon whose
    /// outcome is known (`SurvivalCheck`); the table must reach the main split's training day.
    package static func run(_ plan: EvaluationPlan, series: SnapshotSeries, accounts: AccountTable,
                           check: HoldoutCheck,
                           survival: (table: AccountMonthTable, check: SurvivalCheck)? = nil) throws(EvaluationError) -> EvaluationResult {
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
        var survivalResult: SurvivalEvaluation?
        if let survival {
            func run(_ fold: Fold, churnModel: HoldoutResult?) throws(SurvivalError) -> SurvivalHoldout {
                try survival.check.run(table: survival.table, trainAsOf: fold.trainAsOf, test: series[fold.testAsOf]!,
                                       dataEnd: plan.dataEnd, accounts: accounts, horizonDays: plan.horizonDays,
                                       churnModel: churnModel?[.model].risk)
            }
            let main: SurvivalHoldout
            do {
                main = try run(plan.split, churnModel: holdout)
            } catch {
                throw .survival(error)
            }
            let folds = backtest.map { fold -> SurvivalFold in
                if fold.fold == plan.split { return SurvivalFold(fold: fold.fold, result: main, skipped: nil) }
                do {
                    return SurvivalFold(fold: fold.fold, result: try run(fold.fold, churnModel: fold.result), skipped: nil)
                } catch {
                    return SurvivalFold(fold: fold.fold, result: nil, skipped: String(describing: error))
                }
            }
            survivalResult = SurvivalEvaluation(holdout: main, backtest: folds)
        }
        return EvaluationResult(plan: plan, holdout: holdout, backtest: backtest, survival: survivalResult)
    }

    /// Wins, measured folds and the rest.
    package var tally: BacktestTally {
        var tally = BacktestTally()
        for fold in backtest {
            guard let result = fold.result else { tally.skipped += 1; continue }
            let tests = result[.model].checks?.aucDifferences ?? []
            guard !tests.isEmpty, result[.model].auc != nil else { tally.unmeasured += 1; continue }
            tally.measured += 1
            if tests.allSatisfy({ $0.difference.isSignificant && $0.difference.difference > 0 }) { tally.wins += 1 }
        }
        return tally
    }
}
