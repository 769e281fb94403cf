import Evaluation
import Features
import Ingest
import Survival

/// Checks the training recipe against what happened: the held-out split and the
/// backtest of `plan`, the model beside the baselines.
package struct EvaluateJob: Sendable {
    package var plan: EvaluationPlan
    package var check: HoldoutCheck
    /// Checks a survival model beside the churn model when set.
    package var survival: SurvivalCheck?

    package init(plan: EvaluationPlan, check: HoldoutCheck, survival: SurvivalCheck? = nil) {
        self.plan = plan
        self.check = check
        self.survival = survival
    }

    package struct Outcome: Sendable {
        package let result: EvaluationResult
        /// Every snapshot read, the plan's days and `extraDays`.
        package let series: SnapshotSeries
        package let notices: [Notice]
    }

    /// Reads the data once for the plan's days and `extraDays` (built in the same read for
    /// the caller, e.g. today for a risk list) and runs the plan. With `survival`, the
    /// account-month table up to the latest training day is read too, a year of months per
    /// read (`AccountMonthTable`).
    package func run(_ source: some DataSource, extraDays: [CalendarDay] = []) throws -> Outcome {
        let days = Array(Set(plan.snapshotDays + extraDays)).sorted()
        let series = try source.snapshots(asOf: days)
        var table: AccountMonthTable?
        if survival != nil {
            let latest = ([plan.split] + plan.folds).map(\.trainAsOf).max()!
            table = try AccountMonthTable.build(source, through: latest, features: SurvivalTrainer.defaultFeatures)
        }
        let result = try EvaluationResult.run(plan, series: series, accounts: source.accounts, check: check,
                                              survival: survival.flatMap { check in table.map { ($0, check) } })
        return Outcome(result: result, series: series, notices: series.snapshots.first.map(Notice.reading) ?? [])
    }
}
