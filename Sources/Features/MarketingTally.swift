import Ingest

/// Marketing events per account over the 90 days ending on T.
struct MarketingTally: LoggedTally {
    typealias Counts = MarketingCounts
    let asOf: CalendarDay
    static var windowDays: Int { Windows.marketingDays }
    private(set) var accounts: [MarketingCounts] = []

    init(asOf: CalendarDay, slots: Int = 0) {
        self.asOf = asOf
        accounts = Array(repeating: MarketingCounts(), count: slots)
    }

    mutating func add(slot: Int, _ event: MarketingEvent) { accounts[slot].add(event, asOf: asOf) }

    mutating func append(_ later: consuming MarketingTally) {
        for slot in accounts.indices { accounts[slot].add(later.accounts[slot]) }
    }

    func write(into signals: inout [AccountSignals]) {
        for slot in signals.indices { accounts[slot].write(into: &signals[slot]) }
    }
}

/// One account's marketing events in the 90 days ending on T.
struct MarketingCounts: AccountCounts {
    var sent: Int32 = 0
    var opens: Int32 = 0
    var clicks: Int32 = 0
    /// Webinars, case studies and social campaign actions.
    var other: Int32 = 0

    mutating func add(_ event: MarketingEvent, asOf: CalendarDay) {
        guard let age = asOf.age(of: event.day), age < Windows.marketingDays else { return }
        switch event.kind {
        case .emailSent: sent += 1
        case .emailOpen: opens += 1
        case .emailClick: clicks += 1
        case .webinar, .caseStudy, .social: other += 1
        }
    }

    mutating func add(_ later: MarketingCounts) {
        sent += later.sent
        opens += later.opens
        clicks += later.clicks
        other += later.other
    }

    func write(into signals: inout AccountSignals) {
        signals.emailsSent = Int(sent)
        signals.emailOpens = Int(opens)
        signals.emailClicks = Int(clicks)
        signals.otherMarketingActions = Int(other)
    }
}
