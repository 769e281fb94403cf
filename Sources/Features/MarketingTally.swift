import Ingest

/// Marketing events per account over the 90 days ending on T.
struct MarketingTally: EventTally {
    let asOf: CalendarDay
    static var windowDays: Int { Windows.marketingDays }
    private(set) var sent: [Int32] = []
    private(set) var opens: [Int32] = []
    private(set) var clicks: [Int32] = []
    /// Webinars, case studies and social campaign actions.
    private(set) var other: [Int32] = []

    init(asOf: CalendarDay, slots: Int = 0) {
        self.asOf = asOf
        (sent, opens, clicks, other) = (Array(repeating: 0, count: slots), Array(repeating: 0, count: slots),
                                        Array(repeating: 0, count: slots), Array(repeating: 0, count: slots))
    }

    mutating func add(slot: Int, _ event: MarketingEvent) {
        guard let age = asOf.age(of: event.day), age < Windows.marketingDays else { return }
        switch event.kind {
        case .emailSent: sent[slot] += 1
        case .emailOpen: opens[slot] += 1
        case .emailClick: clicks[slot] += 1
        case .webinar, .caseStudy, .social: other[slot] += 1
        }
    }

    mutating func append(_ later: consuming MarketingTally) {
        for slot in sent.indices {
            sent[slot] += later.sent[slot]
            opens[slot] += later.opens[slot]
            clicks[slot] += later.clicks[slot]
            other[slot] += later.other[slot]
        }
    }

    func write(into signals: inout [AccountSignals]) {
        for slot in signals.indices {
            signals[slot].emailsSent = Int(sent[slot])
            signals[slot].emailOpens = Int(opens[slot])
            signals[slot].emailClicks = Int(clicks[slot])
            signals[slot].otherMarketingActions = Int(other[slot])
        }
    }
}
