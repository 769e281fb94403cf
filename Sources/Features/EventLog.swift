import Ingest

/// A tally whose events can also be kept once for many days (`EventLog`): what it counts
/// for one account, `Counts`, is its own type.
protocol LoggedTally: EventTally where Event: BitwiseCopyable {
    associatedtype Counts: AccountCounts where Counts.Event == Event
}

/// What one account's events of one file add up to as of a day.
protocol AccountCounts: AccountResult {
    associatedtype Event
    /// Counts `event` if it lies in the window ending on `asOf`.
    mutating func add(_ event: Event, asOf: CalendarDay)
}

/// The events of one file, kept once for many as-of days whose windows overlap, from which
/// each day's counts are made account by account: for interactions, whose tally keeps each
/// rating (for the weighted sums in file order) and so held a rating of 26 weekly days 180
/// days deep 26 times, in lists per day and account. Reading interactions.csv for 26 weekly
/// days of 20,000 accounts took 48-49 ms that way, 29-33 ms this way, and finishing the
/// days 12 ms instead of 40. Each account's counts for every day are made from its list in
/// file order by the tally's own rules (`Counts`), so every sum has the bits a tally per
/// day gives.
struct EventLog<Tally: LoggedTally>: DayLog {
    typealias Event = Tally.Event

    /// Per account position, its events from the earliest window's first date to the last
    /// as-of day, in file order, in lists of chunks (`ChunkLists`): as an array per account,
    /// each event's append checked its array's uniqueness and grew it now and then, and
    /// turning the lists into counts read each from wherever it had been allocated (the
    /// defaults job on the 3 GB base of 200,000 accounts: 2-3% more CPU time).
    private let events: OwnedChunkLists<Tally.Event>
    /// The first date kept, and the dates kept: the span of `FoldPlan`.
    let firstDay: Int32
    let span: Int
    /// The days of the events read.
    private(set) var eventDays = EventDays()

    init(accounts: Int, plan: FoldPlan) {
        events = OwnedChunkLists(slotCount: accounts)
        firstDay = plan.firstDay
        span = plan.span
    }

    /// Keeps one part's events: each once, in its account's list.
    mutating func add(_ batch: UnsafeBufferPointer<Tally.Event>) {
        let (firstDate, span, lists) = (firstDay, span, events.lists)
        var days = eventDays
        for event in batch {
            let (account, day) = event.accountAndDay
            days.include(day)
            let date = Int(day) - Int(firstDate)
            if date >= 0 && date < span { lists.append(event, to: Int(account)) }
        }
        eventDays = days
    }

    /// Folds in the log of the part of the file that comes right after this one's (taking
    /// over its memory).
    mutating func append(_ later: consuming EventLog) {
        events.append(later.events)
        eventDays.include(later.eventDays)
    }

    /// The counts of each of `days` for the accounts live that day (`positions[d]`, in
    /// position order), made account by account on all cores.
    func results(asOf days: [CalendarDay], positions: [[Int32]]) -> any DayResultsWriter {
        let table = DayResults<Tally.Counts>(positions: positions)
        // Each task reads its own accounts' lists (and writes none).
        let lists = events.lists
        table.fill(accounts: lists.slotCount, days: days) { accounts, live in
            for account in accounts {
                lists.withValues(of: account) { events in
                    live.forEach(of: account) { day, slot in
                        var counts = Tally.Counts()
                        for event in events { counts.add(event, asOf: days[day]) }
                        table.results[slot] = counts
                    }
                }
            }
        }
        return table
    }
}
