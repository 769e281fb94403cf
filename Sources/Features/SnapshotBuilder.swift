import Ingest

/// Builds a `Snapshot` one event file at a time, so that each step can be timed or
/// reported on its own; `Snapshot.build` runs every step.
///
/// Each file is read on `dataset.workers` threads, each folding its part of the file into
/// a tally of its own; the tallies are appended in file order, so the signals are the same
/// to the last bit whatever the number of threads.
public struct SnapshotBuilder {
    public let dataset: DatasetFolder
    public let asOf: CalendarDay
    /// Slot of each account position in accounts.csv, -1 for accounts not live on T.
    private let live: [Int32]
    private let positions: [Int32]
    private var aggregator: SignalAggregator
    private var reports: [EventFileReport] = []
    private var missing: [EventFile] = []

    /// Picks the accounts that are customers on `asOf`.
    public init(_ dataset: DatasetFolder, asOf: CalendarDay) {
        self.dataset = dataset
        self.asOf = asOf
        let accounts = dataset.accounts.accounts
        var live = [Int32](repeating: -1, count: accounts.count)
        var positions: [Int32] = []
        var aggregator = SignalAggregator(asOf: asOf)
        for (position, account) in accounts.enumerated() where account.isCustomer(on: asOf) {
            live[position] = Int32(positions.count)
            positions.append(Int32(position))
            aggregator.addAccount(account)
        }
        self.live = live
        self.positions = positions
        self.aggregator = aggregator
    }

    /// Accounts that are customers on T.
    public var count: Int { positions.count }

    /// Reads one event file (every row is checked; only rows of live accounts dated on or
    /// before T count) and returns what it held besides events, nil when it is absent.
    @discardableResult
    public mutating func read(_ file: EventFile) throws(InputError) -> EventFileReport? {
        let (live, asOf, slots) = (self.live, self.asOf, count)
        let report: EventFileReport?
        switch file {
        case .sessions:
            let read = try dataset.readSessions(
                into: { SnapshotPart(live: live, tally: SessionTally(asOf: asOf, slots: slots)) }, { $0.add($1) })
            for part in read?.parts ?? [] { aggregator.sessions.append(part.tally) }
            report = read?.report
        case .nps:
            let read = try dataset.readNPS(
                into: { SnapshotPart(live: live, tally: NPSTally(asOf: asOf, slots: slots)) }, { $0.add($1) })
            for part in read?.parts ?? [] { aggregator.nps.append(part.tally) }
            report = read?.report
        case .marketing:
            let read = try dataset.readMarketing(
                into: { SnapshotPart(live: live, tally: MarketingTally(asOf: asOf, slots: slots)) }, { $0.add($1) })
            for part in read?.parts ?? [] { aggregator.marketing.append(part.tally) }
            report = read?.report
        case .interactions:
            let read = try dataset.readInteractions(
                into: { SnapshotPart(live: live, tally: InteractionTally(asOf: asOf, slots: slots)) }, { $0.add($1) })
            for part in read?.parts ?? [] { aggregator.interactions.append(part.tally) }
            report = read?.report
        }
        // The parts were appended in file order, which is what keeps the sums exact.
        if let report { reports.append(report) } else { missing.append(file) }
        return report
    }

    /// The snapshot of what was read: medians computed, buffers released.
    public consuming func finish() -> Snapshot {
        Snapshot(asOf: asOf, accountPositions: positions, signals: aggregator.finish(),
                 reports: reports, missingFiles: missing)
    }
}
