import Dispatch
import Ingest
import Parallel

/// Builds the snapshots of one or more days from one read of the event files, a file at a
/// time, so that each step can be timed or reported on its own; `Snapshot.build` runs
/// every step for one day.
///
/// Each file is read on `dataset.workers` threads, each folding its part of the file into
/// tallies of its own (one per day; for sessions and interactions of days whose windows
/// overlap, one `SessionLog` or `EventLog` for all of them); the parts are appended in file
/// order, so the signals are the same to the last bit whatever the number of threads, and
/// each day's snapshot is the one a build for that day alone gives. A builder is used once,
/// and not copied: copies would share the session tallies' columns (`SessionTally`).
package struct SnapshotBuilder {
    /// An existential rather than a generic parameter: the fold of each event must be
    /// compiled for its concrete tally, which a builder generic over its source (called
    /// from another module) is not; reading sessions took half as long again.
    package let dataset: any EventSource
    /// The as-of days, in the order asked for (a day listed twice gets two equal snapshots).
    package let days: [CalendarDay]
    /// Per day, the slot of each account position in accounts.csv (-1 for accounts that are
    /// not customers that day), one day after the other.
    private let live: [Int32]
    /// Per day, the positions of the accounts live that day, in file order.
    private let positions: [[Int32]]
    private var aggregators: [SignalAggregator]
    /// The signals of the files kept once for all days, when the days' windows overlap
    /// (`SessionLog`, `EventLog`): the days' tallies of those files stay empty, and these
    /// write their signals.
    private var logged: [any DayResultsWriter] = []
    private var reports: [EventFileReport] = []
    private var missing: [EventFile] = []
    /// The days of the events read so far that count (a known account, on or after its
    /// start), whatever their dates relative to the as-of days.
    private var eventDays = EventDays()
    /// The earliest day of any event read so far that counts; nil before any.
    package var firstEventDay: CalendarDay? { eventDays.firstDay }
    /// The latest day of any event read so far that counts; nil before any.
    package var lastEventDay: CalendarDay? { eventDays.lastDay }

    /// Picks the accounts that are customers on `asOf`.
    package init(_ dataset: any EventSource, asOf: CalendarDay) {
        self.init(dataset, asOf: [asOf])
    }

    /// Picks the accounts that are customers on each of `days`.
    package init(_ dataset: any EventSource, asOf days: [CalendarDay]) {
        self.dataset = dataset
        self.days = days
        let accounts = dataset.accounts.accounts
        let count = accounts.count
        let live = TaskSlots(count: days.count) { _ in [Int32]() }
        let positions = TaskSlots(count: days.count) { _ in [Int32]() }
        let aggregators = TaskSlots(count: days.count) { SignalAggregator(asOf: days[$0]) }
        // Each day's customers are its own: the days are set up on all cores at once
        // (four days of 20,000 accounts took 15 ms on one).
        DispatchQueue.concurrentPerform(iterations: days.count) { index in
            let day = days[index]
            var slots = [Int32](repeating: -1, count: count)
            var kept: [Int32] = []
            var signals: [AccountSignals] = []
            // Room for every account at once: grown by doubling, the signals (about 200
            // bytes an account) were copied and their fresh pages faulted in again and again.
            kept.reserveCapacity(count)
            signals.reserveCapacity(count)
            accounts.withUnsafeBufferPointer { accounts in
                // Through a pointer: the account is read in place, its strings not copied.
                for position in accounts.indices where accounts[position].isCustomer(on: day) {
                    slots[position] = Int32(kept.count)
                    kept.append(Int32(position))
                    signals.append(AccountSignals(accounts[position], asOf: day))
                }
            }
            live[index] = slots
            positions[index] = kept
            aggregators[index] = SignalAggregator(asOf: day, signals: signals)
        }
        self.live = Array(live.takeAll().joined())
        self.positions = positions.takeAll()
        self.aggregators = aggregators.takeAll()
    }

    /// Accounts that are customers on the first day.
    package var count: Int { positions.first?.count ?? 0 }

    /// Reads one event file (every row is checked; only rows of accounts live on a day and
    /// dated on or before it count for that day) and returns what it held besides events,
    /// nil when it is absent.
    @discardableResult
    package mutating func read(_ file: EventFile) throws(InputError) -> EventFileReport? {
        switch file {
        case .sessions:
            let plan = FoldPlan(days: days, windowDays: SessionTally.windowDays)
            return plan.overlaps ? try log(SessionLog.self, plan: plan) : try fold(into: \.sessions, plan: plan)
        // NPS answers and marketing events are counters: adding each to every day's
        // counters cost less than keeping it once (26 weekly days of 20,000 accounts:
        // marketing 43-47 ms folded, 59-61 ms kept). Interactions keep every rating per day,
        // for their weighted sums in file order, and are kept once when days overlap.
        case .nps: return try fold(into: \.nps)
        case .marketing: return try fold(into: \.marketing)
        case .interactions:
            let plan = FoldPlan(days: days, windowDays: InteractionTally.windowDays)
            return plan.overlaps ? try log(EventLog<InteractionTally>.self, plan: plan)
                : try fold(into: \.interactions, plan: plan)
        }
    }

    /// The one path every event file takes: read on all cores into a tally per part and
    /// day, then the parts appended in file order, which is what keeps the sums exact.
    /// `plan` is the tally's (made here when not given).
    @inline(__always)
    private mutating func fold<Tally: EventTally>(
        into tally: WritableKeyPath<SignalAggregator, Tally>, plan: FoldPlan? = nil
    ) throws(InputError) -> EventFileReport? {
        let (live, days, slots) = (self.live, self.days, positions.map(\.count))
        let accounts = dataset.accounts.count
        let plan = plan ?? FoldPlan(days: days, windowDays: Tally.windowDays)
        let read = try dataset.read(Tally.Event.self, into: {
            SnapshotPart(live: live, accounts: accounts, plan: plan, tallies: days.indices.map { Tally(asOf: days[$0], slots: slots[$0]) })
        }, { $0.add($1) })
        // Each day's tallies are appended apart from the other days', so the days are
        // merged on all cores at once (four days of 20,000 accounts took 9 ms on one).
        let parts = TaskSlots(read?.parts ?? [])
        DispatchQueue.concurrentPerform(iterations: parts.count) { parts[$0].noteLatestDays() }
        // Tallies are moved, never copied: a copy would share the lists the append grows.
        let count = days.count
        let merging = TaskSlots(count: count) { aggregators[$0][keyPath: tally].take() }
        let later = TaskSlots(count: parts.count * count) { parts[$0 / count].tallies[$0 % count].take() }
        DispatchQueue.concurrentPerform(iterations: count) { day in
            for part in 0..<parts.count { merging[day].append(later[part * count + day].take()) }
        }
        for (day, merged) in merging.takeAll().enumerated() { aggregators[day][keyPath: tally] = merged }
        for part in parts.takeAll() { eventDays.include(part.eventDays) }
        if let report = read?.report { reports.append(report) } else { missing.append(Tally.Event.file) }
        return read?.report
    }

    /// Reads an event file into one log for all days (`SessionLog`, `EventLog`), on all
    /// cores: each part keeps its events once, and the parts are appended in file order.
    private mutating func log<Log: DayLog>(_: Log.Type, plan: FoldPlan) throws(InputError) -> EventFileReport? {
        let accounts = dataset.accounts.count
        let read = try dataset.read(Log.Event.self, into: { Log(accounts: accounts, plan: plan) }, { $0.add($1) })
        guard let read else {
            missing.append(Log.Event.file)
            return nil
        }
        var log = Log(accounts: accounts, plan: plan)
        for part in read.parts { log.append(part) }
        eventDays.include(log.eventDays)
        reports.append(read.report)
        logged.append(log.results(asOf: days, positions: positions))
        return read.report
    }

    /// The snapshot of the first day: medians computed, buffers released.
    package consuming func finish() -> Snapshot {
        finishAll()[0]
    }

    /// One snapshot per day, in the order of `days`.
    ///
    /// Each day's tallies are its own, so the days are finished at once on all cores (the
    /// medians of four pooled days of 200,000 accounts took 0.66 s one day after the other).
    package consuming func finishAll() -> [Snapshot] {
        // Task `day` takes its day's aggregator out of its slot and leaves its signals.
        let pending = TaskSlots(aggregators)
        let signals = TaskSlots(count: days.count) { _ in [AccountSignals]() }
        let (positions, logged) = (self.positions, self.logged)
        aggregators = []
        self.logged = []
        DispatchQueue.concurrentPerform(iterations: days.count) { day in
            var aggregator = SignalAggregator(asOf: pending[day].asOf)
            swap(&aggregator, &pending[day])
            signals[day] = aggregator.finish()
            for results in logged { results.write(day: day, into: &signals[day]) }
        }
        return zip(days.indices, signals.takeAll()).map { day, signals in
            Snapshot(asOf: days[day], accountPositions: positions[day], signals: signals,
                     reports: reports, missingFiles: missing)
        }
    }
}
