import Ingest

/// NPS answers per account over the 180 days ending on T.
struct NPSTally: EventTally {
    let asOf: CalendarDay
    static var windowDays: Int { Windows.npsDays }
    private(set) var answers: [Int32] = []
    private(set) var scoreTotal: [Int32] = []
    private(set) var promoters: [Int32] = []
    private(set) var detractors: [Int32] = []

    init(asOf: CalendarDay, slots: Int = 0) {
        self.asOf = asOf
        (answers, scoreTotal, promoters, detractors) = (Array(repeating: 0, count: slots), Array(repeating: 0, count: slots),
                                                        Array(repeating: 0, count: slots), Array(repeating: 0, count: slots))
    }

    mutating func add(slot: Int, _ response: NPSResponse) {
        guard let age = asOf.age(of: response.day), age < Windows.npsDays else { return }
        answers[slot] += 1
        scoreTotal[slot] += Int32(response.score)
        if response.score >= 9 { promoters[slot] += 1 }
        if response.score <= 6 { detractors[slot] += 1 }
    }

    mutating func append(_ later: consuming NPSTally) {
        for slot in answers.indices {
            answers[slot] += later.answers[slot]
            scoreTotal[slot] += later.scoreTotal[slot]
            promoters[slot] += later.promoters[slot]
            detractors[slot] += later.detractors[slot]
        }
    }

    func write(into signals: inout [AccountSignals]) {
        for slot in signals.indices {
            signals[slot].npsAnswers = Int(answers[slot])
            signals[slot].npsScoreTotal = Int(scoreTotal[slot])
            signals[slot].npsPromoters = Int(promoters[slot])
            signals[slot].npsDetractors = Int(detractors[slot])
        }
    }
}
