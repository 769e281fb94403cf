import Ingest

/// Per-account totals of one event file as of a day T, kept by account slot (the account's
/// index among the customers on T).
///
/// A tally can be split: tallies of consecutive parts of a file, appended in file order,
/// hold exactly what one tally of the whole file holds, down to the last bit of every sum.
/// That is what lets several threads read one file (`DatasetFolder.readSessions(into:_:)`).
protocol EventTally: Sendable {
    associatedtype Event: AccountEvent
    /// Adds an empty slot at the end.
    mutating func addSlot()
    /// Folds one event of the account in `slot`; events after T are dropped here.
    mutating func add(slot: Int, _ event: Event)
    /// Folds in the tally of the part of the file that comes right after this one's.
    mutating func append(_ later: consuming Self)
}

/// An event that names its account.
protocol AccountEvent: Sendable {
    var account: Int32 { get }
}

extension SessionEvent: AccountEvent {}
extension NPSResponse: AccountEvent {}
extension MarketingEvent: AccountEvent {}
extension InteractionRating: AccountEvent {}

/// One thread's share of reading a file for a snapshot: its own tally, and the map from
/// account position to slot that decides which events count.
struct SnapshotPart<Tally: EventTally>: Sendable {
    /// Slot of each account position, -1 for accounts that are not customers on T.
    let live: [Int32]
    var tally: Tally

    mutating func add(_ events: UnsafeBufferPointer<Tally.Event>) {
        live.withUnsafeBufferPointer { live in
            for event in events {
                let slot = live[Int(event.account)]
                if slot >= 0 { tally.add(slot: Int(slot), event) }
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
