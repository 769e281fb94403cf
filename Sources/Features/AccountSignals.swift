import Ingest

/// What one account's events add up to as of the snapshot day: the raw counts and
/// statistics from which features and the plain-word reasons are both computed.
///
/// Counts and days are held in 32 bits (`Int32Backed`): a snapshot holds one of these per
/// account and day (4 days of 200,000 accounts for `train`, 26 for a back-fill), 136 bytes
/// each instead of 208, and `train` with its defaults on the 3 GB base of 200,000 accounts
/// peaked at 438 MB instead of 494.
package struct AccountSignals: Sendable, Equatable {
    // Session frequency
    /// Sessions in the recent window (the 30 days ending on T).
    @Int32Backed package var sessionsRecent = 0
    /// Sessions in the baseline window (the 60 days before the recent window).
    @Int32Backed package var sessionsBaseline = 0
    /// Days of the baseline window during which the account was already a customer.
    @Int32Backed package var baselineDays = 0
    /// Days from the last session on or before T to T; nil when there was none.
    @OptionalInt32Backed package var daysSinceLastSession: Int?

    // Session duration
    /// Median session length in minutes over the recent window (nil below 3 sessions).
    package var medianMinutesRecent: Double?
    /// Median session length in minutes over the baseline window (nil below 3 sessions).
    package var medianMinutesBaseline: Double?

    // NPS, over the last 180 days
    @Int32Backed package var npsAnswers = 0
    @Int32Backed package var npsScoreTotal = 0
    @Int32Backed package var npsPromoters = 0
    @Int32Backed package var npsDetractors = 0

    // Marketing, over the last 90 days
    @Int32Backed package var emailsSent = 0
    @Int32Backed package var emailOpens = 0
    @Int32Backed package var emailClicks = 0
    /// Webinars, case studies and social campaign actions.
    @Int32Backed package var otherMarketingActions = 0

    // Interactions, over the last 180 days
    @Int32Backed package var interactions = 0
    package var ratingWeightedTotal = 0.0
    package var ratingWeightTotal = 0.0
    /// Interactions rated 1 or 2.
    @Int32Backed package var poorRatings = 0

    // Account attributes
    @Int32Backed package var tenureDays = 0
    package var mrr: Double?
    @OptionalInt32Backed package var seats: Int?

    package init() {}

    /// The signals an account has before any event is counted: its attributes, tenure and
    /// how much of the baseline window it was a customer for. Every source starts here.
    package init(_ account: Account, asOf: CalendarDay) {
        tenureDays = asOf.days(since: account.startedOn)
        // Baseline window = days [T-89, T-30]; the account covers those on or after its start.
        let baselineFirst = asOf.adding(days: -(Windows.recentDays + Windows.baselineDays - 1))
        let baselineLast = asOf.adding(days: -Windows.recentDays)
        let coveredFrom = max(baselineFirst, account.startedOn)
        baselineDays = max(0, baselineLast.days(since: coveredFrom) + 1)
        mrr = account.mrr
        seats = account.seats
    }

    /// Sessions per 30 days in the baseline window, scaled to the days the account had;
    /// nil with under two weeks of baseline history.
    package var baselineSessionsPer30Days: Double? {
        guard baselineDays >= Windows.minimumBaselineDays else { return nil }
        return Double(sessionsBaseline) * Double(Windows.recentDays) / Double(baselineDays)
    }

    /// Mean NPS answer (0-10), nil without answers.
    package var npsMean: Double? { npsAnswers > 0 ? Double(npsScoreTotal) / Double(npsAnswers) : nil }

    /// The account's own NPS: % promoters minus % detractors (-100...100).
    package var netPromoterScore: Double? {
        npsAnswers > 0 ? 100 * Double(npsPromoters - npsDetractors) / Double(npsAnswers) : nil
    }

    /// Recency-weighted mean rating (1-5), nil without interactions.
    package var weightedRating: Double? { ratingWeightTotal > 0 ? ratingWeightedTotal / ratingWeightTotal : nil }
}

/// An `Int` kept in 32 bits: counts of events in a window, days, seats. A value past
/// `Int32`'s range (none that a file of this world's size can give) is held at its end.
@propertyWrapper
package struct Int32Backed: Sendable, Equatable {
    private var stored: Int32

    package init(wrappedValue: Int) { stored = Int32(clamping: wrappedValue) }

    package var wrappedValue: Int {
        get { Int(stored) }
        set { stored = Int32(clamping: newValue) }
    }
}

/// `Int32Backed` for an `Int` that may be missing.
@propertyWrapper
package struct OptionalInt32Backed: Sendable, Equatable {
    private var stored: Int32?

    package init(wrappedValue: Int?) { stored = wrappedValue.map { Int32(clamping: $0) } }

    package var wrappedValue: Int? {
        get { stored.map { Int($0) } }
        set { stored = newValue.map { Int32(clamping: $0) } }
    }
}
