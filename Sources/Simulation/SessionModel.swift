import Ingest

/// Product logins (sessions.csv), the densest and strongest signal.
///
/// Each day a share of the account's seats is active, falling with engagement (the least
/// attached users stop first); each active user logs in at a Poisson rate that also falls with
/// engagement and that follows weekdays, the account's own habit (`usageLevel`) and the user's
/// propensity. Accounts therefore differ in their usual level for reasons unrelated to health,
/// while a decline shows as a drop against the account's own past. Session length is
/// log-normal with a median that shortens as engagement falls, plus a few very long outliers
/// (tabs left open) that make the mean misleading and the median the right statistic.
enum SessionModel {
    /// Active share of seats at engagement u: logistic(1.0 + 1.8 (u - reference)), 73% at the
    /// reference, 31% one unit below.
    static let activeShareIntercept = 1.0
    static let activeShareSlope = 1.8
    /// Login rate per active user scales by e^(0.8 (u - reference)).
    static let rateSlope = 0.8
    /// Median session length scales by e^(0.45 (u - reference)).
    static let lengthSlope = 0.45
    /// Log-scale spread of session length around the median.
    static let lengthSpread = 0.75
    /// Share of sessions left open for hours: their length is multiplied by 5 to 30.
    static let outlierShare = 0.02
    static let outlierStretch = 5.0..<30.0
    /// New accounts reach their full number of active users over about three weeks.
    static let adoptionDays = 21.0
    /// Weekend days see a fifth of a weekday's logins; the factors keep the weekly total.
    static let weekdayFactor = 7.0 / 5.4
    static let weekendFactor = 0.2 * 7.0 / 5.4

    static func write(_ profile: AccountProfile, path: HealthPath, config: SimulationConfig,
                      into rows: inout CSVRowBuffer) -> Int {
        var random = RandomSource(seed: config.seed, account: profile.index, purpose: StreamPurpose.sessions.rawValue)
        let accountPrefix = Array((profile.id + ",").utf8)
        let userPrefix = profile.userIdPrefix()
        let prefixSums = profile.propensityPrefixSums
        let seats = profile.seats
        let traits = profile.segment.traits
        let baseRatePerDay = config.sessionsPerActiveUserPerWeek / 7 * profile.usageLevel
        let baseMedianSeconds = traits.medianSessionMinutes * 60 * profile.sessionLengthLevel
        var sessionKeys: [Int] = [] // second of day << 24 | user index, sorted to keep time order
        var written = 0

        for index in 0..<path.dayCount {
            let day = path.firstDay.adding(days: index)
            let u = path.engagement[index] - HealthProcess.referenceHealth
            let tenure = Double(profile.tenure(on: day))
            let adoption = 1 - DeterministicMath.exp(-(tenure + 1) / adoptionDays)
            let share = adoption / (1 + DeterministicMath.exp(-(activeShareIntercept + activeShareSlope * u)))
            let activeUsers = Swift.min(seats, Int((share * Double(seats)).rounded()))
            guard activeUsers > 0 else { continue }
            let dayFactor = WorkingHours.isWeekday(daysSinceEpoch: day.daysSinceEpoch) ? weekdayFactor : weekendFactor
            let rate = baseRatePerDay * dayFactor * DeterministicMath.exp(rateSlope * u)
            let totalPropensity = prefixSums[activeUsers]
            let count = random.poisson(rate * totalPropensity)
            guard count > 0 else { continue }

            sessionKeys.removeAll(keepingCapacity: true)
            for _ in 0..<count {
                let user = pickUser(prefixSums, activeUsers: activeUsers, random: &random)
                let second = WorkingHours.secondOfDay(utcOffsetSeconds: profile.utcOffsetSeconds, random: &random)
                sessionKeys.append(second << 24 | user)
            }
            sessionKeys.sort()

            let medianSeconds = baseMedianSeconds * DeterministicMath.exp(lengthSlope * u)
            let dayStart = day.unixSeconds
            for key in sessionKeys {
                var seconds = random.logNormal(median: medianSeconds, sigma: lengthSpread)
                if random.bernoulli(outlierShare) { seconds *= random.uniform(outlierStretch.lowerBound, outlierStretch.upperBound) }
                let duration = Swift.min(86_400, Swift.max(1, Int(seconds.rounded())))
                rows.append(bytes: accountPrefix)
                rows.append(timestamp: dayStart + Int64(key >> 24))
                rows.comma()
                rows.append(integer: duration)
                rows.comma()
                rows.append(bytes: userPrefix)
                appendUserNumber((key & 0xFF_FFFF) + 1, to: &rows)
                rows.endRow()
            }
            written += count
        }
        return written
    }

    /// A user among the first `activeUsers`, with probability proportional to propensity.
    @inline(__always)
    static func pickUser(_ prefixSums: [Double], activeUsers: Int, random: inout RandomSource) -> Int {
        let target = random.uniform() * prefixSums[activeUsers]
        var low = 0
        var high = activeUsers - 1
        while low < high { // first user whose running sum passes the target
            let middle = (low + high) / 2
            if prefixSums[middle + 1] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The 1-based user number, at least three digits: `007`.
    @inline(__always)
    static func appendUserNumber(_ number: Int, to rows: inout CSVRowBuffer) {
        if number < 100 { rows.append(byte: UInt8(ascii: "0")) }
        if number < 10 { rows.append(byte: UInt8(ascii: "0")) }
        rows.append(integer: number)
    }
}
