import Ingest

/// Per-account totals of one event file as of a day T, kept by account slot (the account's
/// index among the customers on T).
///
/// A tally can be split: tallies of consecutive parts of a file, appended in file order,
/// hold exactly what one tally of the whole file holds, down to the last bit of every sum.
/// That is what lets several threads read one file (`EventSource.read(_:into:_:)`).
protocol EventTally: Sendable {
    associatedtype Event: AccountEvent & FoldedEvent
    /// The day T.
    var asOf: CalendarDay { get }
    /// The days ending on T (T included) whose events the tally counts: an older event
    /// changes nothing, except the latest event day of a tally that keeps one.
    static var windowDays: Int { get }
    /// Whether the tally keeps each account's latest event day on or before T, however old.
    static var keepsLatestDay: Bool { get }
    /// An empty tally of `slots` accounts as of `asOf`.
    init(asOf: CalendarDay, slots: Int)
    /// Folds one event of the account in `slot`; events after T are dropped here.
    mutating func add(slot: Int, _ event: Event)
    /// Folds in the tally of the part of the file that comes right after this one's.
    mutating func append(_ later: consuming Self)
    /// Keeps `day` as the slot's latest event day if it is on or before T and later than
    /// the one kept: how events older than the window reach a tally that keeps one.
    mutating func noteLatest(slot: Int, day: CalendarDay)
}

/// An event's account position and day, as the fold of every event reads them.
///
/// What `AccountEvent` gives, once more: read through that conformance, which lives in
/// `Ingest`, the fold called two of its witnesses for every event, a tenth of the time
/// folding sessions took; a conformance of this module's own is inlined where the fold is
/// compiled for its event.
protocol FoldedEvent {
    var accountAndDay: (account: Int32, day: Int32) { get }
}

extension SessionEvent: FoldedEvent {
    var accountAndDay: (account: Int32, day: Int32) { (account, day.daysSinceEpoch) }
}
extension NPSResponse: FoldedEvent {
    var accountAndDay: (account: Int32, day: Int32) { (account, day.daysSinceEpoch) }
}
extension MarketingEvent: FoldedEvent {
    var accountAndDay: (account: Int32, day: Int32) { (account, day.daysSinceEpoch) }
}
extension InteractionRating: FoldedEvent {
    var accountAndDay: (account: Int32, day: Int32) { (account, day.daysSinceEpoch) }
}

extension EventTally {
    static var keepsLatestDay: Bool { false }
    mutating func noteLatest(slot: Int, day: CalendarDay) {}

    /// The tally, moved out; an empty tally of no accounts is left in its place.
    mutating func take() -> Self {
        var taken = Self(asOf: asOf, slots: 0)
        swap(&taken, &self)
        return taken
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
