import Evaluation
import Features
import Ingest

/// Checks the training recipe against what happened: the held-out split and the
/// backtest of `plan`, the model beside the baselines.
package struct EvaluateJob: Sendable {
    package var plan: EvaluationPlan
    package var check: HoldoutCheck

    package init(plan: EvaluationPlan, check: HoldoutCheck) {
        self.plan = plan
        self.check = check
    }

    package struct Outcome: Sendable {
        package let result: EvaluationResult
        /// Every snapshot read, the plan's days and `extraDays`.
        package let series: SnapshotSeries
        package let notices: [Notice]
    }

    /// Reads the data once for the plan's days and `extraDays` (built in the same read for
    /// the caller, e.g. today for a risk list) and runs the plan.
    package func run(_ source: some DataSource, extraDays: [CalendarDay] = []) throws -> Outcome {
        let days = Array(Set(plan.snapshotDays + extraDays)).sorted()
        let series = try source.snapshots(asOf: days)
        let result = try EvaluationResult.run(plan, series: series, accounts: source.accounts, check: check)
        return Outcome(result: result, series: series, notices: series.snapshots.first.map(Notice.reading) ?? [])
    }
}
