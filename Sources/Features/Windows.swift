/// The time windows behind every feature, in whole days ending on the as-of day T
/// (T itself included). Kept in one place so the README, the reasons and the code agree.
package enum Windows {
    /// "Recent" usage: the 30 days ending on T. A month is the rhythm most SaaS teams review.
    package static let recentDays = 30
    /// The comparison period for trends: the 60 days before the recent window. Twice the
    /// recent window, so the baseline is steadier than what it is compared with.
    package static let baselineDays = 60
    /// A trend needs at least two weeks of baseline history; newer accounts get no trend
    /// (missing), rather than a trend computed from a few days.
    package static let minimumBaselineDays = 14
    /// A median session length needs at least 3 sessions; with fewer it is missing.
    package static let minimumSessionsForMedian = 3
    /// NPS answers count for 180 days: surveys usually run quarterly, so this holds the
    /// last two survey rounds.
    package static let npsDays = 180
    /// Marketing engagement over 90 days: about 13 weekly newsletters.
    package static let marketingDays = 90
    /// Interaction ratings count for 180 days, weighted by recency.
    package static let interactionDays = 180
    /// A rating loses half its weight every 30 days, so last week's call outweighs last
    /// quarter's meeting (dissatisfaction shows here first; recent ratings weigh more).
    package static let interactionHalfLifeDays = 30.0
}
