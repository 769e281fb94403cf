import Ingest

/// Snapshots as of several days, read from the exports in one pass.
package struct SnapshotSeries: Sendable {
    /// One snapshot per requested day, in the order asked for.
    package let snapshots: [Snapshot]
    /// The earliest date of any usable event (nil without events): the exports say nothing
    /// about the time before it, so a snapshot needs its windows to start after it.
    package let firstEventDay: CalendarDay?
    /// The latest date of any usable event (nil without events).
    package let lastEventDay: CalendarDay?

    package init(snapshots: [Snapshot], firstEventDay: CalendarDay?, lastEventDay: CalendarDay? = nil) {
        self.snapshots = snapshots
        self.firstEventDay = firstEventDay
        self.lastEventDay = lastEventDay
    }

    /// The snapshot of a day that was asked for.
    package subscript(day: CalendarDay) -> Snapshot? { snapshots.first { $0.asOf == day } }

    /// Whether every feature window of a snapshot as of `day` lies inside the recorded
    /// history (the longest window, 180 days of NPS and interactions, starts on or after
    /// the first event). Earlier snapshots see missing history as inactivity.
    package func hasFullHistory(_ day: CalendarDay) -> Bool {
        guard let first = firstEventDay else { return false }
        return day.adding(days: -(Windows.longestDays - 1)) >= first
    }
}

extension Windows {
    /// The longest window any feature looks back over.
    package static var longestDays: Int { max(npsDays, interactionDays, marketingDays, recentDays + baselineDays) }
}

extension Snapshot {
    /// Snapshots as of several days from one pass over the event files.
    ///
    /// A backtest needs the customer base as of many days; reading the exports once and
    /// handing each event to every day's aggregator costs one read instead of one per day.
    /// Each snapshot is the one `build(_:asOf:)` gives for its day (a test checks this).
    package static func build(_ dataset: some EventSource, asOf days: [CalendarDay]) throws(InputError) -> SnapshotSeries {
        // The parallel builder reads each file once on every core for all days together.
        var builder = SnapshotBuilder(dataset, asOf: days)
        for file in EventFile.allCases { try builder.read(file) }
        let first = builder.firstEventDay, last = builder.lastEventDay
        return SnapshotSeries(snapshots: builder.finishAll(), firstEventDay: first, lastEventDay: last)
    }
}
