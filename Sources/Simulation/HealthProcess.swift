import Ingest

/// The hidden state of one account over its observable life (from the later of its
/// `startedOn` and the history's start, to the day before it churns or to the end).
struct HealthPath: Sendable {
    /// Day of index 0 in the arrays.
    let firstDay: CalendarDay
    /// Long-run mean of the account's sentiment before shocks.
    var meanHealth = 0.0
    /// Latent sentiment h(t): how the account feels about the product and the vendor.
    /// Interaction ratings and survey answers read it directly.
    var sentiment: [Double] = []
    /// Engagement u(t): sentiment smoothed over `usageLagDays`. Usage and the churn hazard
    /// follow it, so they move about two weeks after the ratings do.
    var engagement: [Double] = []
    /// The day the account decided to leave, if it did (its churn date may lie past the end).
    var decidedToLeaveOn: CalendarDay?
    /// The day the account stopped being a customer (no events on or after it); nil if it is
    /// still one at the end of the history.
    var churnedOn: CalendarDay?

    /// Observable days: `firstDay` through the day before `churnedOn`, or through the end.
    var dayCount: Int { sentiment.count }
}

/// The latent health model.
///
/// Sentiment is a mean-reverting (Ornstein-Uhlenbeck) walk around the account's own long-run
/// mean, pulled down by a shock drag. Shocks arrive at random (a champion leaves, a competitor
/// pitches, a budget is cut); each one moves the drag towards its size over about three weeks
/// and fades over months, which produces the multi-week declines a health score must catch.
/// Engagement follows sentiment with a lag.
///
/// Churn happens in two steps, as in B2B contracts. First the account decides to leave, with
/// daily hazard `base * segment * e^(-k (u - reference) + 2.5 drop) * tenure * renewal`, where
/// the drop is how far engagement sits below its own 90-day average. Then it serves notice:
/// users migrate away (a further drag on sentiment) and `churnedOn` is the end of the paid
/// term: two to six weeks for monthly plans, the renewal date for an annual contract that is
/// due within 120 days, otherwise an early termination one to two months out.
enum HealthProcess {
    /// The health every response curve in the simulator is centred on: an average account
    /// carrying an average load of shocks. Live accounts sit a little above it (median about
    /// 0.3, tenth percentile about -0.5) because churn keeps removing the unhealthy ones.
    static let referenceHealth = 0.0
    /// Population mean and spread of the accounts' long-run mean health. Shocks pull accounts
    /// down by about 0.4 on average, which brings an average one to the reference.
    static let populationMeanHealth = 0.4
    static let meanHealthSpread = 0.25
    /// Attempts at drawing a pre-history that survives to the start (see `simulate`).
    static let maximumPreHistoryAttempts = 200
    /// Drag added once an account has decided to leave: its users move to the replacement.
    static let departureDrag = 1.5
    /// Notice from the decision to the end of a monthly plan: 14 + 0..<31 days.
    static let monthlyNoticeDays = 14
    /// Annual contracts run to their renewal date when it is at most this many days away.
    static let longestNoticeDays = 120

    static func simulate(_ profile: AccountProfile, config: SimulationConfig) -> HealthPath {
        var random = RandomSource(seed: config.seed, account: profile.index, purpose: StreamPurpose.health.rawValue)
        let firstDay = Swift.max(profile.startedOn, config.start)
        var path = HealthPath(firstDay: firstDay)
        let capacity = config.end.days(since: firstDay) + 1
        path.sentiment.reserveCapacity(capacity)
        path.engagement.reserveCapacity(capacity)

        // An account live at the start has survived its whole pre-history. Its health is drawn
        // and run from its first day, redrawn whenever it would have decided to leave before
        // the start, so the opening base has the survivors' health and declines under way.
        let preHistoryDays = config.start.days(since: profile.startedOn)
        var state: HealthState
        var attempts = 0
        repeat {
            attempts += 1
            path.meanHealth = random.normal(mean: populationMeanHealth, standardDeviation: meanHealthSpread)
            state = HealthState(meanHealth: path.meanHealth, config: config, random: &random)
            var survived = true
            for day in 0..<Swift.max(0, preHistoryDays) {
                let date = profile.startedOn.adding(days: day)
                if day > 0 && random.bernoulli(state.leavingHazard(profile, on: date, config: config)) {
                    survived = false
                    break
                }
                state.step(random: &random)
            }
            if survived { break }
        } while attempts < maximumPreHistoryAttempts

        var churnDay: CalendarDay?
        for index in 0..<capacity {
            let day = firstDay.adding(days: index)
            if let churnDay, day >= churnDay {
                path.churnedOn = churnDay
                break
            }
            // A new account cannot decide to leave on its signing day.
            if path.decidedToLeaveOn == nil && (index > 0 || preHistoryDays > 0)
                && random.bernoulli(state.leavingHazard(profile, on: day, config: config)) {
                path.decidedToLeaveOn = day
                churnDay = endOfTerm(profile, decidedOn: day, random: &random)
                state.shockTarget += departureDrag
            }
            state.step(random: &random)
            path.sentiment.append(state.sentiment)
            path.engagement.append(state.engagement)
        }
        return path
    }

    /// The first day the account is no longer a customer, after deciding to leave on `day`.
    static func endOfTerm(_ profile: AccountProfile, decidedOn day: CalendarDay,
                          random: inout RandomSource) -> CalendarDay {
        if profile.annualContract {
            let daysToRenewal = 365 - profile.tenure(on: day) % 365
            if daysToRenewal <= longestNoticeDays { return day.adding(days: daysToRenewal) }
            return day.adding(days: 30 + random.integer(below: 31))
        }
        return day.adding(days: monthlyNoticeDays + random.integer(below: 31))
    }
}
