import Ingest

/// Snapshots as of several days, read from the exports in one pass.
public struct SnapshotSeries: Sendable {
    /// One snapshot per requested day, in the order asked for.
    public let snapshots: [Snapshot]
    /// The earliest date of any usable event (nil without events): the exports say nothing
    /// about the time before it, so a snapshot needs its windows to start after it.
    public let firstEventDay: CalendarDay?

    /// The snapshot of a day that was asked for.
    public subscript(day: CalendarDay) -> Snapshot? { snapshots.first { $0.asOf == day } }

    /// Whether every feature window of a snapshot as of `day` lies inside the recorded
    /// history (the longest window, 180 days of NPS and interactions, starts on or after
    /// the first event). Earlier snapshots see missing history as inactivity.
    public func hasFullHistory(_ day: CalendarDay) -> Bool {
        guard let first = firstEventDay else { return false }
        return day.adding(days: -(Windows.longestDays - 1)) >= first
    }
}

extension Windows {
    /// The longest window any feature looks back over.
    public static var longestDays: Int { max(npsDays, interactionDays, marketingDays, recentDays + baselineDays) }
}

extension Snapshot {
    /// Snapshots as of several days from one pass over the event files.
    ///
    /// A backtest needs the customer base as of many days; reading the exports once and
    /// handing each event to every day's aggregator costs one read instead of one per day.
    /// Each snapshot is the one `build(_:asOf:)` gives for its day (a test checks this).
    public static func build(_ dataset: DatasetFolder, asOf days: [CalendarDay]) throws(InputError) -> SnapshotSeries {
        let accounts = dataset.accounts.accounts
        // live[d][position] = the account's slot in day d's snapshot, or -1 when it is not a customer on d.
        var live: [[Int32]] = []
        var positions: [[Int32]] = []
        var aggregators: [SignalAggregator] = []
        for day in days {
            var slots = [Int32](repeating: -1, count: accounts.count)
            var kept: [Int32] = []
            var aggregator = SignalAggregator(asOf: day)
            for (position, account) in accounts.enumerated() where account.isCustomer(on: day) {
                slots[position] = Int32(kept.count)
                kept.append(Int32(position))
                aggregator.addAccount(account)
            }
            live.append(slots)
            positions.append(kept)
            aggregators.append(aggregator)
        }
        var reports: [EventFileReport] = []
        var missing: [EventFile] = []
        func note(_ report: EventFileReport?, _ file: EventFile) {
            if let report { reports.append(report) } else { missing.append(file) }
        }
        var first: CalendarDay?
        func see(_ day: CalendarDay) { if first.map({ day < $0 }) ?? true { first = day } }
        let dayIndices = days.indices
        note(try dataset.readSessions { event in
            see(event.day)
            for d in dayIndices {
                let slot = live[d][Int(event.account)]
                if slot >= 0 { aggregators[d].addSession(slot: Int(slot), event) }
            }
        }, .sessions)
        note(try dataset.readNPS { response in
            see(response.day)
            for d in dayIndices {
                let slot = live[d][Int(response.account)]
                if slot >= 0 { aggregators[d].addNPS(slot: Int(slot), response) }
            }
        }, .nps)
        note(try dataset.readMarketing { event in
            see(event.day)
            for d in dayIndices {
                let slot = live[d][Int(event.account)]
                if slot >= 0 { aggregators[d].addMarketing(slot: Int(slot), event) }
            }
        }, .marketing)
        note(try dataset.readInteractions { rating in
            see(rating.day)
            for d in dayIndices {
                let slot = live[d][Int(rating.account)]
                if slot >= 0 { aggregators[d].addInteraction(slot: Int(slot), rating) }
            }
        }, .interactions)
        let snapshots = dayIndices.map { d in
            Snapshot(asOf: days[d], accountPositions: positions[d], signals: aggregators[d].finish(),
                     reports: reports, missingFiles: missing)
        }
        return SnapshotSeries(snapshots: snapshots, firstEventDay: first)
    }
}
