import Ingest

/// Every knob of the simulated customer base, each with a default that yields a realistic
/// B2B SaaS book of business of about 12 MB.
///
/// The defaults were calibrated together: changing one shifts the figures the others were
/// tuned for (churn per quarter, file sizes), so the doc comment of each says what it moves.
package struct SimulationConfig: Sendable {
    /// Number of accounts ever simulated (live at `start` or signed during the history).
    /// Default 1,000: enough churners per quarter (about 50) for a churn model to learn from.
    package var accounts: Int

    /// First day of recorded history. Default 2024-07-01. Accounts live before it have no
    /// events before it (their exports start here), like a tool switched on mid-life.
    package var start: CalendarDay

    /// Last day of recorded history; nothing happens after it. Default 2026-09-30 (27 months,
    /// so a model can train on one year and be checked on the next).
    package var end: CalendarDay

    /// Seed of every random stream. Default 42. The same seed gives byte-identical files.
    package var seed: UInt64

    /// Mean weekly logins of one active user of an account at the reference health with the
    /// median usage habit (habits are log-normal, so the average account logs in 1.5 times that).
    ///
    /// Default 0.25, about one login per active user a month, as for a light-touch tool used
    /// around monthly reporting. It keeps the default base near 14 MB (about 200,000 sessions);
    /// daily-use products sit around 5-10. This is the scale knob for large data: session rows
    /// grow linearly with it and nothing else changes, since sessions draw from their own
    /// random stream: about 800,000 session rows per unit of it per 1,000 accounts.
    package var sessionsPerActiveUserPerWeek: Double

    /// Share of accounts already customers at `start`; the rest sign up uniformly over the
    /// history. Default 0.4, so the first quarters already have a mature base to churn from.
    package var shareLiveAtStart: Double

    /// Share of accounts in the enterprise segment. Default 0.12 (few, large, sticky).
    package var enterpriseShare: Double

    /// Share of accounts in the mid-market segment. Default 0.33; the rest are SMB.
    package var midMarketShare: Double

    /// Daily hazard that an account at the reference health (see `HealthProcess`) decides to
    /// leave, before the segment, decline, tenure and renewal factors.
    ///
    /// Default 0.0005, calibrated so about 11% of live accounts churn per 90 days (within the
    /// 8-15% a B2B SaaS business sees); raise it for a leakier base.
    package var baseDailyChurnHazard: Double

    /// How strongly engagement moves the churn hazard: hazard scales by e^(-k (u - reference)).
    /// Default 2.2: an account one unit below the reference decides to leave about nine times
    /// as often, so churn is mostly, but not only, the unhealthy accounts.
    package var churnHealthSensitivity: Double

    /// Mean number of adverse events per account per year (a champion leaves, a competitor
    /// pitches, a budget cut) that start a decline over several weeks. Default 1.0; these
    /// declines are what makes the usage trend predictive.
    package var shocksPerAccountPerYear: Double

    /// Time constant, in days, with which usage follows the account's sentiment. Default 14:
    /// dissatisfaction shows in interaction ratings about two weeks before it shows in logins.
    package var usageLagDays: Double

    /// Days between NPS survey waves of one account. Default 91 (quarterly).
    package var surveyIntervalDays: Int

    /// Days between marketing newsletters. Default 7 (weekly, to every account).
    package var newsletterIntervalDays: Int

    /// Accounts simulated concurrently before their rows are written in account order.
    /// Default 64; affects memory and speed only, never the output.
    package var accountsPerBatch: Int

    package init(
        accounts: Int = 1_000,
        start: CalendarDay = CalendarDay(year: 2024, month: 7, day: 1)!,
        end: CalendarDay = CalendarDay(year: 2026, month: 9, day: 30)!,
        seed: UInt64 = 42,
        sessionsPerActiveUserPerWeek: Double = 0.25,
        shareLiveAtStart: Double = 0.4,
        enterpriseShare: Double = 0.12,
        midMarketShare: Double = 0.33,
        baseDailyChurnHazard: Double = 0.0005,
        churnHealthSensitivity: Double = 2.2,
        shocksPerAccountPerYear: Double = 1.0,
        usageLagDays: Double = 14,
        surveyIntervalDays: Int = 91,
        newsletterIntervalDays: Int = 7,
        accountsPerBatch: Int = 64
    ) {
        self.accounts = accounts
        self.start = start
        self.end = end
        self.seed = seed
        self.sessionsPerActiveUserPerWeek = sessionsPerActiveUserPerWeek
        self.shareLiveAtStart = shareLiveAtStart
        self.enterpriseShare = enterpriseShare
        self.midMarketShare = midMarketShare
        self.baseDailyChurnHazard = baseDailyChurnHazard
        self.churnHealthSensitivity = churnHealthSensitivity
        self.shocksPerAccountPerYear = shocksPerAccountPerYear
        self.usageLagDays = usageLagDays
        self.surveyIntervalDays = surveyIntervalDays
        self.newsletterIntervalDays = newsletterIntervalDays
        self.accountsPerBatch = accountsPerBatch
    }

    /// Throws `SimulationError.invalidConfiguration` naming the first knob out of range.
    func validate() throws {
        func check(_ ok: Bool, _ message: String) throws {
            if !ok { throw SimulationError.invalidConfiguration(message) }
        }
        try check(accounts >= 0, "accounts must be >= 0, got \(accounts)")
        try check(start <= end, "start \(start) is after end \(end)")
        try check(sessionsPerActiveUserPerWeek >= 0 && sessionsPerActiveUserPerWeek.isFinite,
                  "sessionsPerActiveUserPerWeek must be a finite number >= 0")
        try check((0...1).contains(shareLiveAtStart), "shareLiveAtStart must be within 0...1")
        try check(enterpriseShare >= 0 && midMarketShare >= 0 && enterpriseShare + midMarketShare <= 1,
                  "enterpriseShare and midMarketShare must be >= 0 and sum to at most 1")
        try check(baseDailyChurnHazard >= 0 && baseDailyChurnHazard < 1, "baseDailyChurnHazard must be within 0..<1")
        try check(churnHealthSensitivity.isFinite, "churnHealthSensitivity must be finite")
        try check(shocksPerAccountPerYear >= 0 && shocksPerAccountPerYear < 365,
                  "shocksPerAccountPerYear must be within 0..<365")
        try check(usageLagDays >= 1, "usageLagDays must be >= 1")
        try check(surveyIntervalDays >= 1, "surveyIntervalDays must be >= 1")
        try check(newsletterIntervalDays >= 1, "newsletterIntervalDays must be >= 1")
        try check(accountsPerBatch >= 1, "accountsPerBatch must be >= 1")
    }
}
