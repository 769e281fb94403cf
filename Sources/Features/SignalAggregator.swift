import Foundation
import Ingest

/// Folds events into `AccountSignals`, one event at a time. Events after the as-of day
/// are dropped on arrival: this is the one place where "nothing after T" is enforced.
struct SignalAggregator {
    let asOf: CalendarDay
    private(set) var signals: [AccountSignals] = []
    // Session lengths (seconds) inside the recent and baseline windows, for the medians.
    // Bounded by the sessions of 90 days, not by the whole history.
    private var recentSeconds: [[Float]] = []
    private var baselineSeconds: [[Float]] = []
    /// Weight of a rating `age` days old: 0.5^(age / half-life), tabulated once.
    private let ratingWeights: [Double]

    init(asOf: CalendarDay) {
        self.asOf = asOf
        ratingWeights = (0..<Windows.interactionDays).map { pow(0.5, Double($0) / Windows.interactionHalfLifeDays) }
    }

    mutating func addAccount(_ account: Account) {
        var s = AccountSignals()
        s.tenureDays = asOf.days(since: account.startedOn)
        // Baseline window = days [T-89, T-30]; the account covers those on or after its start.
        let baselineFirst = asOf.adding(days: -(Windows.recentDays + Windows.baselineDays - 1))
        let baselineLast = asOf.adding(days: -Windows.recentDays)
        let coveredFrom = max(baselineFirst, account.startedOn)
        s.baselineDays = max(0, baselineLast.days(since: coveredFrom) + 1)
        s.mrr = account.mrr
        s.seats = account.seats
        signals.append(s)
        recentSeconds.append([])
        baselineSeconds.append([])
    }

    /// Age in days of an event on `day`, or nil when it is after T.
    @inline(__always)
    private func age(_ day: CalendarDay) -> Int? {
        let age = asOf.days(since: day)
        return age >= 0 ? age : nil
    }

    mutating func addSession(slot: Int, _ event: SessionEvent) {
        guard let age = age(event.day) else { return }
        // Float holds whole seconds exactly up to 16 million (six months), at half the memory.
        let seconds = Float(event.durationSeconds)
        if age < Windows.recentDays {
            signals[slot].sessionsRecent += 1
            recentSeconds[slot].append(seconds)
        } else if age < Windows.recentDays + Windows.baselineDays {
            signals[slot].sessionsBaseline += 1
            baselineSeconds[slot].append(seconds)
        }
        if age < (signals[slot].daysSinceLastSession ?? Int.max) { signals[slot].daysSinceLastSession = age }
    }

    mutating func addNPS(slot: Int, _ response: NPSResponse) {
        guard let age = age(response.day), age < Windows.npsDays else { return }
        signals[slot].npsAnswers += 1
        signals[slot].npsScoreTotal += response.score
        if response.score >= 9 { signals[slot].npsPromoters += 1 }
        if response.score <= 6 { signals[slot].npsDetractors += 1 }
    }

    mutating func addMarketing(slot: Int, _ event: MarketingEvent) {
        guard let age = age(event.day), age < Windows.marketingDays else { return }
        switch event.kind {
        case .emailSent: signals[slot].emailsSent += 1
        case .emailOpen: signals[slot].emailOpens += 1
        case .emailClick: signals[slot].emailClicks += 1
        case .webinar, .caseStudy, .social: signals[slot].otherMarketingActions += 1
        }
    }

    mutating func addInteraction(slot: Int, _ rating: InteractionRating) {
        guard let age = age(rating.day), age < Windows.interactionDays else { return }
        let weight = ratingWeights[age]
        signals[slot].interactions += 1
        signals[slot].ratingWeightedTotal += weight * Double(rating.rating)
        signals[slot].ratingWeightTotal += weight
        if rating.rating <= 2 { signals[slot].poorRatings += 1 }
    }

    /// Medians computed, buffers released.
    consuming func finish() -> [AccountSignals] {
        for slot in signals.indices {
            signals[slot].medianMinutesRecent = SignalAggregator.median(&recentSeconds[slot]).map { $0 / 60 }
            signals[slot].medianMinutesBaseline = SignalAggregator.median(&baselineSeconds[slot]).map { $0 / 60 }
            recentSeconds[slot] = []
            baselineSeconds[slot] = []
        }
        return signals
    }

    /// The median (mean of the middle two for an even count); nil below the minimum count.
    static func median(_ values: inout [Float]) -> Double? {
        guard values.count >= Windows.minimumSessionsForMedian else { return nil }
        values.sort()
        let middle = values.count / 2
        if values.count % 2 == 1 { return Double(values[middle]) }
        return (Double(values[middle - 1]) + Double(values[middle])) / 2
    }
}
