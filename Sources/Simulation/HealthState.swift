import Ingest

/// One account's moving health parts, advanced one day at a time (see `HealthProcess`).
struct HealthState {
    /// Daily pull back towards the mean: disturbances half-fade in about three weeks.
    static let reversionPerDay = 1.0 / 30
    /// Stationary spread of the everyday wandering around the mean.
    static let wanderSpread = 0.35
    /// Smallest shock, plus an exponential excess with this mean (mean shock 1.2).
    static let minimumShock = 0.6
    static let meanShockExcess = 0.6
    /// Time constants, in days, for a shock's drag to build up and to fade.
    static let shockBuildDays = 21.0
    static let shockFadeDays = 120.0
    /// Customers re-evaluate when they get less than they were used to: the hazard also scales
    /// by e^(2.5 drop), the drop being how far engagement sits below its own 90-day average.
    /// This makes a decline more telling than a low but steady level.
    static let declineSensitivity = 2.5
    static let baselineDays = 90.0
    /// Early-life churn: the hazard is multiplied by 1 + this * e^(-tenure / 120 days).
    static let earlyLifeExcess = 1.0
    /// Annual contracts: hazard multiplier during the renewal conversation (the 90 days before
    /// each renewal) and during the rest of the term, averaging about 1 over a year.
    static let renewalWindowDays = 90
    static let renewalWindowMultiplier = 2.2
    static let midContractMultiplier = 0.6

    let meanHealth: Double
    var sentiment: Double
    var engagement: Double
    /// Engagement averaged over `baselineDays`: what the account is used to.
    var engagementBaseline: Double
    var shockDrag = 0.0
    /// Where the drag is heading: the sum of the shocks, each fading with `shockFadeDays`.
    var shockTarget = 0.0
    private let shockProbability: Double
    private let lagRate: Double
    private let dailyNoise: Double

    init(meanHealth: Double, config: SimulationConfig, random: inout RandomSource) {
        self.meanHealth = meanHealth
        sentiment = random.normal(mean: meanHealth, standardDeviation: HealthState.wanderSpread)
        engagement = sentiment
        engagementBaseline = sentiment
        shockProbability = config.shocksPerAccountPerYear / 365
        lagRate = 1 / config.usageLagDays
        // Gives the walk a stationary spread of `wanderSpread`.
        dailyNoise = HealthState.wanderSpread * (2 * HealthState.reversionPerDay).squareRoot()
    }

    mutating func step(random: inout RandomSource) {
        if random.bernoulli(shockProbability) {
            shockTarget += HealthState.minimumShock + random.exponential(mean: HealthState.meanShockExcess)
        }
        shockDrag += (shockTarget - shockDrag) / HealthState.shockBuildDays
        shockTarget -= shockTarget / HealthState.shockFadeDays
        sentiment += HealthState.reversionPerDay * (meanHealth - shockDrag - sentiment) + dailyNoise * random.normal()
        engagement += (sentiment - engagement) * lagRate
        engagementBaseline += (engagement - engagementBaseline) / HealthState.baselineDays
    }

    /// Probability that the account decides to leave on `day`, given its state the day before.
    func leavingHazard(_ profile: AccountProfile, on day: CalendarDay, config: SimulationConfig) -> Double {
        let drop = Swift.max(0, engagementBaseline - engagement)
        return config.baseDailyChurnHazard * profile.segment.traits.churnMultiplier
            * DeterministicMath.exp(-config.churnHealthSensitivity * (engagement - HealthProcess.referenceHealth)
                + HealthState.declineSensitivity * drop)
            * HealthState.lifecycleMultiplier(profile, on: day)
    }

    /// Early-life and contract-renewal factors of the hazard.
    static func lifecycleMultiplier(_ profile: AccountProfile, on day: CalendarDay) -> Double {
        let tenure = profile.tenure(on: day)
        var multiplier = 1 + earlyLifeExcess * DeterministicMath.exp(-Double(tenure) / 120)
        if profile.annualContract {
            let daysIntoTerm = tenure % 365
            multiplier *= daysIntoTerm >= 365 - renewalWindowDays ? renewalWindowMultiplier : midContractMultiplier
        }
        return multiplier
    }
}
