import Ingest

extension Snapshot {
    /// Snapshots as of several days from one pass over the event files.
    ///
    /// A backtest needs the customer base as of many days; reading the exports once and
    /// handing each event to every day's aggregator costs one read instead of one per day.
    /// Each snapshot is the one `build(_:asOf:)` gives for its day (a test checks this).
    /// The result is in the order of `days`; a day listed twice gets two equal snapshots.
    public static func build(_ dataset: DatasetFolder, asOf days: [CalendarDay]) throws(InputError) -> [Snapshot] {
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
        let dayIndices = days.indices
        note(try dataset.readSessions { event in
            for d in dayIndices {
                let slot = live[d][Int(event.account)]
                if slot >= 0 { aggregators[d].addSession(slot: Int(slot), event) }
            }
        }, .sessions)
        note(try dataset.readNPS { response in
            for d in dayIndices {
                let slot = live[d][Int(response.account)]
                if slot >= 0 { aggregators[d].addNPS(slot: Int(slot), response) }
            }
        }, .nps)
        note(try dataset.readMarketing { event in
            for d in dayIndices {
                let slot = live[d][Int(event.account)]
                if slot >= 0 { aggregators[d].addMarketing(slot: Int(slot), event) }
            }
        }, .marketing)
        note(try dataset.readInteractions { rating in
            for d in dayIndices {
                let slot = live[d][Int(rating.account)]
                if slot >= 0 { aggregators[d].addInteraction(slot: Int(slot), rating) }
            }
        }, .interactions)
        return dayIndices.map { d in
            Snapshot(asOf: days[d], accountPositions: positions[d], signals: aggregators[d].finish(),
                     reports: reports, missingFiles: missing)
        }
    }
}
