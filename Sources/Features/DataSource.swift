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

/// What happened in a period, for the portfolio figures.
package struct PeriodActivity: Sendable, Equatable {
    /// Every NPS answer given in the period (0-10).
    package var npsScores: [Int] = []
    /// Every session started in the period, in seconds.
    package var sessionSeconds: [Double] = []

    package init(npsScores: [Int] = [], sessionSeconds: [Double] = []) {
        self.npsScores = npsScores
        self.sessionSeconds = sessionSeconds
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
        var activity = PeriodActivity()
        _ = try forEach(NPSResponse.self) { if $0.day >= first && $0.day <= last { activity.npsScores.append($0.score) } }
        _ = try forEach(SessionEvent.self) {
            if $0.day >= first && $0.day <= last && !$0.durationSeconds.isNaN { activity.sessionSeconds.append($0.durationSeconds) }
        }
        return activity
    }
}
