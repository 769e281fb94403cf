import Ingest

/// The customer base as of one day T: the accounts that are customers on T and what
/// their events on or before T add up to. Nothing dated after T reaches it.
public struct Snapshot: Sendable {
    public let asOf: CalendarDay
    /// Positions in the dataset's `AccountTable` of the accounts live on T, in file order.
    public let accountPositions: [Int32]
    /// Signals of each live account, parallel to `accountPositions`.
    public let signals: [AccountSignals]
    /// What each event file held besides usable events (skipped rows).
    public let reports: [EventFileReport]
    /// Event files the dataset does not have: their signals are missing for everyone.
    public let missingFiles: [EventFile]

    public var count: Int { accountPositions.count }

    /// Reads the dataset's event files once and aggregates them as of `asOf`.
    public static func build(_ dataset: DatasetFolder, asOf: CalendarDay) throws(InputError) -> Snapshot {
        let accounts = dataset.accounts.accounts
        var live = [Int32](repeating: -1, count: accounts.count)
        var positions: [Int32] = []
        var aggregator = SignalAggregator(asOf: asOf)
        for (position, account) in accounts.enumerated() where account.isCustomer(on: asOf) {
            live[position] = Int32(positions.count)
            positions.append(Int32(position))
            aggregator.addAccount(account)
        }
        var reports: [EventFileReport] = []
        var missing: [EventFile] = []
        func note(_ report: EventFileReport?, _ file: EventFile) {
            if let report { reports.append(report) } else { missing.append(file) }
        }
        // Each reader checks every row; only rows of live accounts dated on or before T count.
        note(try dataset.readSessions { event in
            let slot = live[Int(event.account)]
            if slot >= 0 { aggregator.addSession(slot: Int(slot), event) }
        }, .sessions)
        note(try dataset.readNPS { response in
            let slot = live[Int(response.account)]
            if slot >= 0 { aggregator.addNPS(slot: Int(slot), response) }
        }, .nps)
        note(try dataset.readMarketing { event in
            let slot = live[Int(event.account)]
            if slot >= 0 { aggregator.addMarketing(slot: Int(slot), event) }
        }, .marketing)
        note(try dataset.readInteractions { rating in
            let slot = live[Int(rating.account)]
            if slot >= 0 { aggregator.addInteraction(slot: Int(slot), rating) }
        }, .interactions)
        return Snapshot(asOf: asOf, accountPositions: positions, signals: aggregator.finish(),
                        reports: reports, missingFiles: missing)
    }
}
