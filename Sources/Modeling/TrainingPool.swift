import Features
import Ingest

/// Which days' customers a model learns from: the as-of day and the quarters before it.
///
/// One quarter of a base of 1,000 accounts holds 40-60 churners, few for 13 coefficients:
/// on simulated bases a model fitted on one day ranked churners worse than a logins-only
/// model in about one backtest fold in five. Pooling the as-of day with the three quarter
/// ends before it gives four times the churners; the held-out AUC rose by 0.014 on average
/// and the model lost to a baseline in 2 folds of 54 instead of 10 (README, "Checking the
/// scores"). Older quarters would add little and let the fit lag behind a changing base.
package struct TrainingPool: Sendable, Equatable {
    /// Days pooled, counting the as-of day. Default 4: a year of quarters.
    package var days: Int
    /// Months between pooled days: quarters, the rhythm of renewals and reviews.
    package static let stepMonths = 3
    package static let defaultDays = 4

    package init(days: Int = TrainingPool.defaultDays) { self.days = max(1, days) }

    /// The candidate days, oldest first, ending on `asOf`.
    package func days(endingOn asOf: CalendarDay) -> [CalendarDay] {
        (0..<days).reversed().map { asOf.adding(months: -TrainingPool.stepMonths * $0) }
    }

    /// The days to train on: `asOf` always, and each earlier candidate whose feature
    /// windows lie inside the recorded history. A day before the exports start would see
    /// every account as inactive and teach the model that inactivity is normal.
    package func usableDays(endingOn asOf: CalendarDay, in series: SnapshotSeries) -> [CalendarDay] {
        TrainingPool.usable(days(endingOn: asOf), asOf: asOf, in: series)
    }

    /// The rule of `usableDays` for candidate days listed elsewhere (an evaluation plan's folds).
    package static func usable(_ candidates: [CalendarDay], asOf: CalendarDay, in series: SnapshotSeries) -> [CalendarDay] {
        candidates.filter { $0 == asOf || series.hasFullHistory($0) }
    }

    /// The pooled fit every churn model of healthscore comes from (`train`, the evaluation's
    /// folds, the report): the snapshots of the usable days, each account labelled by churn in
    /// the horizon after its own day, fitted by `trainer`. The series must hold those days.
    package func fit(asOf: CalendarDay, series: SnapshotSeries, accounts: AccountTable,
                     trainer: ModelTrainer) throws(TrainingError) -> PooledFit {
        try TrainingPool.fit(candidates: days(endingOn: asOf), asOf: asOf, series: series, accounts: accounts, trainer: trainer)
    }

    /// `fit(asOf:series:accounts:trainer:)` for candidate days listed elsewhere.
    package static func fit(candidates: [CalendarDay], asOf: CalendarDay, series: SnapshotSeries, accounts: AccountTable,
                            trainer: ModelTrainer) throws(TrainingError) -> PooledFit {
        let days = usable(candidates, asOf: asOf, in: series)
        let snapshots = days.compactMap { series[$0] }
        precondition(snapshots.count == days.count, "a training day has no snapshot in the series")
        return PooledFit(days: days, result: try trainer.train(snapshots, accounts: accounts))
    }
}

/// A model fitted on pooled days, with the days it used.
package struct PooledFit: Sendable {
    /// The days whose customers were pooled, oldest first; the last is the model's as-of day.
    package let days: [CalendarDay]
    package let result: TrainingResult
    package var model: ChurnModel { result.model }
}
