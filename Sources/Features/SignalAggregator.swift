import Ingest

/// Folds events into `AccountSignals`, one event at a time or one tally of a file's part
/// at a time. Events after the as-of day are dropped on arrival (see `CalendarDay.age(of:)`).
struct SignalAggregator {
    let asOf: CalendarDay
    /// Account attributes; the event tallies are written in by `finish`.
    private(set) var signals: [AccountSignals] = []
    var sessions: SessionTally
    var nps: NPSTally
    var marketing: MarketingTally
    var interactions: InteractionTally

    /// An aggregator for accounts whose attributes are `signals`, one slot each.
    init(asOf: CalendarDay, signals: [AccountSignals] = []) {
        self.asOf = asOf
        self.signals = signals
        sessions = SessionTally(asOf: asOf, slots: signals.count)
        nps = NPSTally(asOf: asOf, slots: signals.count)
        marketing = MarketingTally(asOf: asOf, slots: signals.count)
        interactions = InteractionTally(asOf: asOf, slots: signals.count)
    }

    /// The number of accounts.
    var slots: Int { signals.count }

    mutating func addSession(slot: Int, _ event: SessionEvent) { sessions.add(slot: slot, event) }

    mutating func addNPS(slot: Int, _ response: NPSResponse) { nps.add(slot: slot, response) }

    mutating func addMarketing(slot: Int, _ event: MarketingEvent) { marketing.add(slot: slot, event) }

    mutating func addInteraction(slot: Int, _ rating: InteractionRating) { interactions.add(slot: slot, rating) }

    /// Signals with every tally written in; medians computed, buffers released.
    consuming func finish() -> [AccountSignals] {
        var result: [AccountSignals] = []
        swap(&result, &signals)
        sessions.write(into: &result)
        nps.write(into: &result)
        marketing.write(into: &result)
        interactions.write(into: &result)
        return result
    }
}
