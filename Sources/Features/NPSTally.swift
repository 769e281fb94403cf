import Ingest

/// NPS answers per account over the 180 days ending on T.
struct NPSTally: LoggedTally {
    typealias Counts = NPSCounts
    let asOf: CalendarDay
    static var windowDays: Int { Windows.npsDays }
    private(set) var accounts: [NPSCounts] = []

    init(asOf: CalendarDay, slots: Int = 0) {
        self.asOf = asOf
        accounts = Array(repeating: NPSCounts(), count: slots)
    }

    mutating func add(slot: Int, _ response: NPSResponse) { accounts[slot].add(response, asOf: asOf) }

    mutating func append(_ later: consuming NPSTally) {
        for slot in accounts.indices { accounts[slot].add(later.accounts[slot]) }
    }

    func write(into signals: inout [AccountSignals]) {
        for slot in signals.indices { accounts[slot].write(into: &signals[slot]) }
    }
}

/// One account's NPS answers in the 180 days ending on T.
struct NPSCounts: AccountCounts {
    var answers: Int32 = 0
    var scoreTotal: Int32 = 0
    var promoters: Int32 = 0
    var detractors: Int32 = 0

    mutating func add(_ response: NPSResponse, asOf: CalendarDay) {
        guard let age = asOf.age(of: response.day), age < Windows.npsDays else { return }
        answers += 1
        scoreTotal += Int32(response.score)
        if response.score >= 9 { promoters += 1 }
        if response.score <= 6 { detractors += 1 }
    }

    mutating func add(_ other: NPSCounts) {
        answers += other.answers
        scoreTotal += other.scoreTotal
        promoters += other.promoters
        detractors += other.detractors
    }

    func write(into signals: inout AccountSignals) {
        signals.npsAnswers = Int(answers)
        signals.npsScoreTotal = Int(scoreTotal)
        signals.npsPromoters = Int(promoters)
        signals.npsDetractors = Int(detractors)
    }
}
