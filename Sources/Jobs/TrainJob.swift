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

    /// Reads the data once for every pooled day and fits the model.
    package func run(_ source: some DataSource) throws -> Outcome {
        let series = try source.snapshots(asOf: pool.days(endingOn: asOf))
        let fit = try pool.fit(asOf: asOf, series: series, accounts: source.accounts, trainer: trainer)
        var notices = Notice.reading(series[asOf]!)
        if fit.days.count < pool.days, let first = series.firstEventDay {
            notices.append(.pooledFewerDays(used: fit.days.count, asked: pool.days, historyStarts: first))
        }
        if let latest = source.accounts.latestDay, asOf.adding(days: trainer.horizonDays) > latest {
            notices.append(.horizonPastData(asOf: asOf, horizonDays: trainer.horizonDays, dataEnd: latest))
        }
        notices += fit.model.leftOut.map(Notice.featureLeftOut)
        return Outcome(fit: fit, notices: notices)
    }
}
