import Features
import Ingest
import Modeling
import Scoring

/// Scores the customers of one or more days with a trained model, from one read of the data.
package struct ScoreJob: Sendable {
    package var scorer: Scorer
    /// The scoring days; empty means the latest date in the data.
    package var days: [CalendarDay]

    package init(scorer: Scorer, days: [CalendarDay] = []) {
        self.scorer = scorer
        self.days = days
    }

    package struct Outcome: Sendable {
        /// One per scoring day, in the order asked for.
        package let scored: [ScoredSnapshot]
        package let notices: [Notice]
    }

    package enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// No scoring day was given and the data holds no date at all.
        case noDates
        /// No account is a customer on the scoring day: there is nothing to write, and the
        /// output of an earlier run is left as it was.
        case noCustomers(CalendarDay)
        package var description: String {
            switch self {
            case .noDates: "the data holds no dates, so there is no latest day to score as of"
            case .noCustomers(let day): "no account is a customer on \(day): nothing to score, so no file is written"
            }
        }
    }

    package func run(_ source: some DataSource) throws -> Outcome {
        var notices: [Notice] = []
        var days = self.days
        if days.isEmpty {
            guard let latest = try source.latestDay() else { throw Failure.noDates }
            days = [latest]
            notices.append(.scoredAsOfLatestDay(latest))
        }
        let series = try source.snapshots(asOf: days)
        notices += Notice.reading(series.snapshots[0])
        if let empty = series.snapshots.first(where: { $0.count == 0 }) { throw Failure.noCustomers(empty.asOf) }
        let scored = series.snapshots.map { scorer.score($0, accounts: source.accounts) }
        return Outcome(scored: scored, notices: notices)
    }
}
