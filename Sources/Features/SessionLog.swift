import Ingest

/// The sessions of every account, kept once for many as-of days whose windows overlap,
/// from which each day's session signals are cut.
///
/// Weekly days 90 days deep share each session among about 13 of them: handing it to
/// every day's tally (`SessionTally`) appended its length 13 times, and the features of 26
/// weekly days of 20,000 accounts took 1.92-1.97 s and 575 MB. Here each session is kept
/// once, as its day and length, in its account's list (1.25-1.31 s, 295 MB); once read,
/// each account's sessions are sorted by day (a list of up to 16 in place, a longer one in
/// a copy), and its windows move through them from day to day (`signals(asOf:positions:)`).
/// The counts, the latest day and the medians are those `SessionTally` gives, to the last
/// bit: a median depends on the values in its window, not on their order (lengths of -0
/// are read as 0, so that even a median of zeros has one sign).
struct SessionLog: DayLog {
    /// One session as the windows need it.
    struct Entry: Sendable {
        var day: Int32
        /// NaN when the length is unknown (a login, left out of the medians).
        var seconds: Float
    }

    /// Per account position, its sessions from the earliest window's first date to the
    /// last as-of day, in file order, in lists of chunks (`ChunkLists`; an array per
    /// account checked its uniqueness on every append and grew by copying).
    private let entries: OwnedChunkLists<Entry>
    /// Per account position, its latest session day before the earliest window
    /// (`Int32.min` for none): all that older sessions tell (days since the last session).
    private(set) var latestBefore: [Int32]
    /// The first date kept, and the dates kept: the span of `FoldPlan`.
    let firstDay: Int32
    let span: Int
    /// The days of the sessions read.
    private(set) var eventDays = EventDays()

    init(accounts: Int, plan: FoldPlan) {
        entries = OwnedChunkLists(slotCount: accounts)
        latestBefore = Array(repeating: .min, count: accounts)
        firstDay = plan.firstDay
        span = plan.span
    }

    /// Keeps one part's sessions: each once, in its account's list.
    mutating func add(_ events: UnsafeBufferPointer<SessionEvent>) {
        let (firstDate, span, entries) = (firstDay, span, self.entries.lists)
        var days = eventDays
        latestBefore.withUnsafeMutableBufferPointer { latestBefore in
            for event in events {
                let day = event.day.daysSinceEpoch
                days.include(day)
                let account = Int(event.account)
                let date = Int(day) - Int(firstDate)
                if date < 0 {
                    latestBefore[account] = max(latestBefore[account], day)
                } else if date < span {
                    entries.append(Entry(day: day, seconds: Float(event.durationSeconds)), to: account)
                }
            }
        }
        eventDays = days
    }

    /// Folds in the log of the part of the file that comes right after this one's.
    mutating func append(_ later: consuming SessionLog) {
        for account in latestBefore.indices {
            latestBefore[account] = max(latestBefore[account], later.latestBefore[account])
        }
        entries.append(later.entries)
        eventDays.include(later.eventDays)
    }

    mutating func results(asOf days: [CalendarDay], positions: [[Int32]]) -> any DayResultsWriter {
        signals(asOf: days, positions: positions)
    }

    /// The session signals of each of `days` for the accounts live that day
    /// (`positions[d]`, in position order).
    ///
    /// Account by account, on all cores: an account's sessions are sorted by day (most
    /// exports list them in time order already, which a check finds in one pass) and read
    /// once for every day, and each day's windows are found by moving on from the previous
    /// day's (the days taken in date order). Found day by day by binary search, in lists
    /// read again for every day, they missed the cache at every step of the search: for 26
    /// weekly days of 20,000 accounts, the search alone took half of the signals' time.
    func signals(asOf days: [CalendarDay], positions: [[Int32]]) -> DayResults<SessionSignals> {
        let table = DayResults<SessionSignals>(positions: positions)
        latestBefore.withUnsafeBufferPointer { latestBefore in
            let shared = SharedLists(entries: entries.lists, latestBefore: latestBefore)
            table.fill(accounts: entries.lists.slotCount, days: days) { accounts, live in
                shared.write(accounts, live: &live, days: days, into: table.results)
            }
        }
        return table
    }

    /// The lists the tasks of `signals(asOf:positions:)` read, each task its own accounts'.
    private struct SharedLists: @unchecked Sendable {
        let entries: ChunkLists<Entry>
        let latestBefore: UnsafeBufferPointer<Int32>

        /// The signals of `accounts` on every day they are live.
        func write(_ accounts: Range<Int>, live: inout LiveDays, days: [CalendarDay],
                   into results: UnsafeMutableBufferPointer<SessionSignals>) {
            var longest = 0
            for account in accounts { longest = max(longest, entries.count(account)) }
            let lengths = UnsafeMutableBufferPointer<Float>.allocate(capacity: longest)
            defer { lengths.deallocate() }
            for account in accounts {
                entries.withValues(of: account) { sessions in
                    if !SessionLog.isSortedByDay(sessions) {
                        var unsorted = sessions   // the same memory
                        unsorted.sort { $0.day < $1.day }
                    }
                    var baselineFrom = 0, recentFrom = 0, end = 0
                    live.forEach(of: account) { day, slot in
                        let today = days[day].daysSinceEpoch
                        let recentStart = today - Int32(Windows.recentDays - 1)
                        let baselineStart = recentStart - Int32(Windows.baselineDays)
                        // Each bound is the first session on or after its day: later days' bounds
                        // are at or after this day's.
                        while baselineFrom < sessions.count && sessions[baselineFrom].day < baselineStart { baselineFrom += 1 }
                        recentFrom = max(recentFrom, baselineFrom)
                        while recentFrom < sessions.count && sessions[recentFrom].day < recentStart { recentFrom += 1 }
                        end = max(end, recentFrom)
                        while end < sessions.count && sessions[end].day <= today { end += 1 }
                        let latest = end > 0 ? sessions[end - 1].day : latestBefore[account]
                        results[slot] = SessionSignals(
                            sessionsRecent: end - recentFrom, sessionsBaseline: recentFrom - baselineFrom,
                            daysSinceLastSession: latest > .min ? Int(today - latest) : nil,
                            medianMinutesRecent: SessionLog.median(sessions[recentFrom..<end], using: lengths).map { $0 / 60 },
                            medianMinutesBaseline: SessionLog.median(sessions[baselineFrom..<recentFrom], using: lengths).map { $0 / 60 })
                    }
                }
            }
        }
    }

    /// The median known length of `window`, as `SessionTally.median` finds it, with the
    /// lengths copied into `lengths` (room for the window) without a branch on each.
    private static func median(_ window: Slice<UnsafeMutableBufferPointer<Entry>>,
                               using lengths: UnsafeMutableBufferPointer<Float>) -> Double? {
        var known = 0
        for entry in window {
            lengths[known] = entry.seconds
            known &+= Median.bit(!entry.seconds.isNaN)
        }
        return SessionTally.median(in: UnsafeMutableBufferPointer(rebasing: lengths[..<known]))
    }

    private static func isSortedByDay(_ sessions: UnsafeMutableBufferPointer<Entry>) -> Bool {
        var previous = Int32.min
        for entry in sessions {
            if entry.day < previous { return false }
            previous = entry.day
        }
        return true
    }
}

/// An account's session signals on one day: those of `AccountSignals`.
struct SessionSignals: AccountResult {
    var sessionsRecent = 0
    var sessionsBaseline = 0
    var daysSinceLastSession: Int?
    var medianMinutesRecent: Double?
    var medianMinutesBaseline: Double?

    func write(into signals: inout AccountSignals) {
        signals.sessionsRecent = sessionsRecent
        signals.sessionsBaseline = sessionsBaseline
        signals.daysSinceLastSession = daysSinceLastSession
        signals.medianMinutesRecent = medianMinutesRecent
        signals.medianMinutesBaseline = medianMinutesBaseline
    }
}
