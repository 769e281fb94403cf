import Ingest

/// Per-account totals of one event file as of a day T, kept by account slot (the account's
/// index among the customers on T).
///
/// A tally can be split: tallies of consecutive parts of a file, appended in file order,
/// hold exactly what one tally of the whole file holds, down to the last bit of every sum.
/// That is what lets several threads read one file (`EventSource.read(_:into:_:)`).
protocol EventTally: Sendable {
    associatedtype Event: AccountEvent
    /// Adds an empty slot at the end.
    mutating func addSlot()
    /// Folds one event of the account in `slot`; events after T are dropped here.
    mutating func add(slot: Int, _ event: Event)
    /// Folds in the tally of the part of the file that comes right after this one's.
    mutating func append(_ later: consuming Self)
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
    var tallies: [Tally]
    /// The earliest day of the part's events, `Int32.max` before any.
    var firstDay = Int32.max
    /// The latest day of the part's events, `Int32.min` before any.
    var lastDay = Int32.min

    mutating func add(_ events: UnsafeBufferPointer<Tally.Event>) {
        live.withUnsafeBufferPointer { live in
            for event in events {
                // Read once: the day is fetched through the event protocol, which is not inlined.
                let day = event.day.daysSinceEpoch
                firstDay = min(firstDay, day)
                lastDay = max(lastDay, day)
                var index = Int(event.account)
                for day in tallies.indices {
                    let slot = live[index]
                    if slot >= 0 { tallies[day].add(slot: Int(slot), event) }
                    index += accounts
                }
            }
        }
    }
}

extension CalendarDay {
    /// Whole days from `day` to `self`, or nil when `day` is later: events after the as-of
    /// day are dropped on arrival, the one place where "nothing after T" is enforced.
    @inline(__always)
    func age(of day: CalendarDay) -> Int? {
        let age = days(since: day)
        return age >= 0 ? age : nil
    }
}
