import Ingest

/// Which as-of days an event date counts for, worked out once per file so that each event
/// is looked up once, however many days are being built.
///
/// Handing every event to every day's tally made pooling four days cost a third more than
/// one day on a gigabyte of sessions: most of those calls find the event outside the day's
/// window. Here a table over the dates from the earliest window's first day to the latest
/// as-of day lists, per date, the days whose window holds it (one or none for quarter ends
/// 90 days apart), and a tally that keeps the latest event day (sessions: days since the
/// last one, however old) gets it through one "latest day" per account and stretch between
/// two as-of days instead.
struct FoldPlan: Sendable {
    /// The first date of the table, as days since the epoch.
    let firstDay: Int32
    /// Dates in the table.
    let span: Int
    /// Per date, its days' range in `targets`: `offsets[date]..<offsets[date + 1]`.
    let offsets: [Int32]
    /// Indices of the as-of days whose window holds each date, date after date.
    let targets: [Int32]
    /// For latest-day tracking: per date of the table, the stretch it falls in (stretch j
    /// ends on the j-th distinct as-of day, in date order); dates before the table fall
    /// in stretch 0, dates after the last as-of day in none.
    let stretchOfDate: [Int32]
    /// The number of stretches: the distinct as-of days.
    let stretches: Int
    /// Per as-of day (in the order asked for), the stretch it ends.
    let stretchOfDay: [Int]
    /// Whether some date lies in the windows of two days or more (close days, or a day
    /// asked for twice).
    var overlaps: Bool { zip(offsets, offsets.dropFirst()).contains { $1 - $0 > 1 } }

    init(days: [CalendarDay], windowDays: Int) {
        let distinct = Array(Set(days.map(\.daysSinceEpoch))).sorted()
        let first = (distinct.first ?? 0) - Int32(windowDays - 1)
        let last = distinct.last ?? -1
        firstDay = first
        span = days.isEmpty ? 0 : Int(last - first) + 1
        var offsets: [Int32] = [0]
        var targets: [Int32] = []
        var stretchOfDate: [Int32] = []
        var stretch: Int32 = 0
        offsets.reserveCapacity(span + 1)
        stretchOfDate.reserveCapacity(span)
        for date in 0..<span {
            let day = first + Int32(date)
            for (index, asOf) in days.enumerated() where asOf.daysSinceEpoch >= day
                && Int(asOf.daysSinceEpoch - day) < windowDays {
                targets.append(Int32(index))
            }
            offsets.append(Int32(targets.count))
            while day > distinct[Int(stretch)] { stretch += 1 }
            stretchOfDate.append(stretch)
        }
        self.offsets = offsets
        self.targets = targets
        self.stretchOfDate = stretchOfDate
        stretches = distinct.count
        stretchOfDay = days.map { distinct.firstIndex(of: $0.daysSinceEpoch)! }
    }
}

/// One thread's share of reading a file for the snapshots of one or more days: a tally of
/// its own per day, and the maps from account position to slot that decide which events
/// count for which day.
struct SnapshotPart<Tally: EventTally>: Sendable {
    /// Per day, the slot of each account position (-1 for accounts that are not customers
    /// that day), one day after the other.
    let live: [Int32]
    /// Accounts in accounts.csv: the length of one day's map.
    let accounts: Int
    let plan: FoldPlan
    var tallies: [Tally]
    /// When the tally keeps the latest day: per stretch of `plan`, each account position's
    /// latest event day in it (`Int32.min` for none), one stretch after the other.
    private(set) var latest: [Int32]
    /// The days of the part's events.
    private(set) var eventDays = EventDays()

    init(live: [Int32], accounts: Int, plan: FoldPlan, tallies: [Tally]) {
        self.live = live
        self.accounts = accounts
        self.plan = plan
        self.tallies = tallies
        latest = Tally.keepsLatestDay ? Array(repeating: .min, count: plan.stretches * accounts) : []
    }

    mutating func add(_ events: UnsafeBufferPointer<Tally.Event>) {
        let (firstDate, span, accounts) = (plan.firstDay, plan.span, accounts)
        live.withUnsafeBufferPointer { live in
        plan.offsets.withUnsafeBufferPointer { offsets in
        plan.targets.withUnsafeBufferPointer { targets in
        plan.stretchOfDate.withUnsafeBufferPointer { stretchOfDate in
        latest.withUnsafeMutableBufferPointer { latest in
        tallies.withUnsafeMutableBufferPointer { tallies in
            for event in events {
                let (position, day) = event.accountAndDay
                eventDays.include(day)
                let account = Int(position)
                let date = Int(day) - Int(firstDate)
                if Tally.keepsLatestDay {
                    let stretch = date < 0 ? 0 : date < span ? Int(stretchOfDate[date]) : -1
                    if stretch >= 0 {
                        let index = stretch * accounts + account
                        latest[index] = max(latest[index], day)
                    }
                }
                guard date >= 0 && date < span else { continue }
                for target in Int(offsets[date])..<Int(offsets[date + 1]) {
                    let index = Int(targets[target])
                    let slot = live[index * accounts + account]
                    if slot >= 0 { tallies[index].add(slot: Int(slot), event) }
                }
            }
        }}}}}}
    }

    /// Hands each day's tally the latest event day of its live accounts on or before the
    /// day, from the stretches up to the day's own.
    mutating func noteLatestDays() {
        guard Tally.keepsLatestDay, plan.stretches > 0 else { return }
        // Running maximum over the stretches: stretch j then holds the latest day up to its end.
        for stretch in 1..<plan.stretches {
            for position in 0..<accounts {
                let index = stretch * accounts + position
                latest[index] = max(latest[index], latest[index - accounts])
            }
        }
        for (index, stretch) in plan.stretchOfDay.enumerated() {
            for position in 0..<accounts {
                let slot = live[index * accounts + position]
                let day = latest[stretch * accounts + position]
                if slot >= 0 && day > .min {
                    tallies[index].noteLatest(slot: Int(slot), day: CalendarDay(daysSinceEpoch: day))
                }
            }
        }
        latest = []
    }
}

/// The earliest and the latest day of the events read, as days since the epoch: what a
/// snapshot's history covers (`SnapshotSeries.firstEventDay`).
struct EventDays: Sendable {
    private(set) var first = Int32.max
    private(set) var last = Int32.min

    @inline(__always)
    mutating func include(_ day: Int32) {
        first = min(first, day)
        last = max(last, day)
    }

    mutating func include(_ other: EventDays) {
        first = min(first, other.first)
        last = max(last, other.last)
    }

    /// Nil before any event.
    var firstDay: CalendarDay? { first < .max ? CalendarDay(daysSinceEpoch: first) : nil }
    var lastDay: CalendarDay? { last > .min ? CalendarDay(daysSinceEpoch: last) : nil }
}
