import Features
import Ingest
import Modeling

/// Learns a churn model from history: the customers of `asOf` and of the quarter ends
/// before it (`pool`), labelled by churn in the horizon after their own day.
package struct TrainJob: Sendable {
    package var asOf: CalendarDay
    package var trainer: ModelTrainer
    package var pool: TrainingPool

    package init(asOf: CalendarDay, trainer: ModelTrainer = ModelTrainer(), pool: TrainingPool = TrainingPool()) {
        self.asOf = asOf
        self.trainer = trainer
        self.pool = pool
    }

    package struct Outcome: Sendable {
        package let fit: PooledFit
        package let notices: [Notice]
    }

    /// Reads the data once for every pooled day and fits the model. A training day whose
    /// horizon runs past the end of the data (the latest start, churn or event) is refused
    /// with the last day that works: its labels would count only the churn exported so far.
    package func run(_ source: some DataSource) throws -> Outcome {
        let series = try source.snapshots(asOf: pool.days(endingOn: asOf))
        let ends = [source.accounts.latestDay, series.lastEventDay].compactMap { $0 }
        if let dataEnd = ends.max(), asOf.adding(days: trainer.horizonDays) > dataEnd {
            throw TrainingError.outcomeNotKnown(asOf: asOf, horizonDays: trainer.horizonDays, dataEnd: dataEnd,
                                                latestDay: dataEnd.adding(days: -trainer.horizonDays))
        }
        let fit = try pool.fit(asOf: asOf, series: series, accounts: source.accounts, trainer: trainer)
        // A model this build cannot read back is not saved: refuse it here, with the field.
        try fit.model.validate(path: "the fitted model")
        var notices = Notice.reading(series[asOf]!)
        if fit.days.count < pool.days, let first = series.firstEventDay {
            notices.append(.pooledFewerDays(used: fit.days.count, asked: pool.days, historyStarts: first))
        }
        notices += fit.model.leftOut.map(Notice.featureLeftOut)
        return Outcome(fit: fit, notices: notices)
    }
}
