/// Where accounts and raw events come from, read row by row: the CSV folder today. The
/// features fold such events into snapshots (`Features`); a source that computes the
/// features itself (a database, with the aggregation pushed down) skips this level.
package protocol EventSource: Sendable {
    /// What the source is, for messages: a folder path, a redacted URL.
    var name: String { get }
    var accounts: AccountTable { get }
    /// Whether the source has events of this file at all.
    func has(_ file: EventFile) -> Bool
    /// The latest date anywhere in the source: account starts and churns and every event.
    func latestDay() throws(InputError) -> CalendarDay?
    /// Every event of one kind, in source order, on the calling thread; nil when absent.
    func forEach<Event: AccountEvent>(_ event: Event.Type, _ body: (Event) -> Void) throws(InputError) -> EventFileReport?
    /// Every event of one kind, folded on several threads into one accumulator per part;
    /// the parts come back in source order, for the caller to merge. Nil when absent.
    func read<Event: AccountEvent, Part>(
        _ event: Event.Type, into make: () -> Part,
        _ add: @escaping @Sendable (inout Part, UnsafeBufferPointer<Event>) -> Void
    ) throws(InputError) -> EventParts<Part>?
}

/// An event that names its account and its day, and the file it comes from.
package protocol AccountEvent: Sendable {
    associatedtype Decoder: EventDecoder where Decoder.Event == Self
    static var file: EventFile { get }
    var account: Int32 { get }
    var day: CalendarDay { get }
}

extension SessionEvent: AccountEvent {
    package typealias Decoder = SessionDecoder
    package static var file: EventFile { .sessions }
}
extension NPSResponse: AccountEvent {
    package typealias Decoder = NPSDecoder
    package static var file: EventFile { .nps }
}
extension MarketingEvent: AccountEvent {
    package typealias Decoder = MarketingDecoder
    package static var file: EventFile { .marketing }
}
extension InteractionRating: AccountEvent {
    package typealias Decoder = InteractionDecoder
    package static var file: EventFile { .interactions }
}
