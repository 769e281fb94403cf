import Ingest

/// Where the accounts and their signals come from: everything past reading depends on
/// this, not on a kind of source. A CSV folder folds its raw events into snapshots here
/// (`EventSource`); a database computes the same signals itself.
package protocol DataSource: Sendable {
    /// What the source is, for messages and titles: a folder path, a URL without password.
    var name: String { get }
    var accounts: AccountTable { get }
    /// The latest date anywhere in the data: "today" when no day is given.
    func latestDay() throws -> CalendarDay?
    /// The snapshots as of each of `days`, in the order asked for, from one read of the data.
    func snapshots(asOf days: [CalendarDay]) throws -> SnapshotSeries
    /// The NPS answers and session lengths dated from `first` to `last`, both included.
    func activity(from first: CalendarDay, to last: CalendarDay) throws -> PeriodActivity
}

/// What happened in a period, for the portfolio figures: the NPS answers by score and the
/// count and median length of the sessions. A summary rather than the events themselves,
/// so that a source aggregating inside a database sends a handful of numbers.
package struct PeriodActivity: Sendable, Equatable {
    /// NPS answers given in the period, by score: element s counts the answers of s (0-10).
    package var npsAnswersByScore: [Int]
    /// Sessions started in the period.
    package var sessions: Int
    /// Median length of those sessions in seconds (`Median.of` over their lengths); nil without sessions.
    package var medianSessionSeconds: Double?

    package init(npsAnswersByScore: [Int] = [Int](repeating: 0, count: 11), sessions: Int = 0,
                 medianSessionSeconds: Double? = nil) {
        precondition(npsAnswersByScore.count == 11, "one count per NPS score 0-10")
        self.npsAnswersByScore = npsAnswersByScore
        self.sessions = sessions
        self.medianSessionSeconds = medianSessionSeconds
    }

    /// The summary of the answers and session lengths given one by one. `sessions` counts
    /// sessions whose length is missing too (a login); by default, one per length.
    package init(npsScores: [Int], sessionSeconds: [Double], sessions: Int? = nil) {
        var byScore = [Int](repeating: 0, count: 11)
        for score in npsScores { byScore[score] += 1 }
        self.init(npsAnswersByScore: byScore, sessions: sessions ?? sessionSeconds.count,
                  medianSessionSeconds: Median.of(sessionSeconds))
    }
}

extension DataSource {
    /// The snapshot as of one day.
    package func snapshot(asOf day: CalendarDay) throws -> Snapshot {
        try snapshots(asOf: [day]).snapshots[0]
    }
}

/// A source of raw events is a data source: its events are folded into snapshots here.
extension DataSource where Self: EventSource {
    package func snapshots(asOf days: [CalendarDay]) throws -> SnapshotSeries {
        try Snapshot.build(self, asOf: days)
    }

    package func activity(from first: CalendarDay, to last: CalendarDay) throws -> PeriodActivity {
        var scores: [Int] = [], seconds: [Double] = [], sessions = 0
        _ = try forEach(NPSResponse.self) { if $0.day >= first && $0.day <= last { scores.append($0.score) } }
        _ = try forEach(SessionEvent.self) {
            guard $0.day >= first && $0.day <= last else { return }
            sessions += 1
            // A blank length is a login whose length is unknown: counted, left out of the median.
            if !$0.durationSeconds.isNaN { seconds.append($0.durationSeconds) }
        }
        return PeriodActivity(npsScores: scores, sessionSeconds: seconds, sessions: sessions)
    }
}
