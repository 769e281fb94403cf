import Ingest

/// Marketing engagement (marketing.csv), deliberately a weak signal.
///
/// Every account receives the newsletter each `newsletterIntervalDays` (Tuesdays at 14:00 UTC
/// with the weekly default). Whether anyone opens or clicks depends mostly on the account's
/// `marketingAffinity` (many healthy customers never read marketing email) and only a little
/// on health. Webinars, case-study downloads and social interactions are rarer still.
enum MarketingModel {
    /// Open probability 1 - e^(-0.2 affinity e^(0.3 (h - reference))): 18% for an account
    /// of median affinity at the reference health, 4% for a low-affinity one whatever its health.
    static let openIntensity = 0.2
    static let healthSlope = 0.3
    /// Share of opens followed by a click.
    static let clickShare = 0.15
    /// Mean hours from sending to opening, capped at 60 hours.
    static let meanOpenDelayHours = 6.0
    /// Daily chance, at median affinity and the reference health, of a webinar, case study, social event.
    static let webinarPerDay = 1.0 / 365
    static let caseStudyPerDay = 1.0 / 500
    static let socialPerDay = 1.0 / 300
    static let sendSecondOfDay = 14 * 3_600
    /// (index in the event names, daily chance) of the events not tied to the newsletter.
    private static let occasionalEvents = [(3, webinarPerDay), (4, caseStudyPerDay), (5, socialPerDay)]

    static func write(_ profile: AccountProfile, path: HealthPath, config: SimulationConfig,
                      into rows: inout CSVRowBuffer) -> Int {
        var random = RandomSource(seed: config.seed, account: profile.index, purpose: StreamPurpose.marketing.rawValue)
        let accountPrefix = Array((profile.id + ",").utf8)
        let interval = config.newsletterIntervalDays
        let sendPhase = 5 % interval // 1970-01-06, day 5, was a Tuesday
        let eventNames = ["email_sent", "email_open", "email_click", "webinar", "case_study", "social"]
            .map { Array(("," + $0).utf8) }
        let lastInstant = path.firstDay.adding(days: path.dayCount).unixSeconds // exclusive
        var queue: [(time: Int64, event: Int)] = [] // events in time order, some for later days
        var written = 0

        for index in 0..<path.dayCount {
            let day = path.firstDay.adding(days: index)
            let dayStart = day.unixSeconds
            let h = path.sentiment[index] - HealthProcess.referenceHealth
            let interest = profile.marketingAffinity * DeterministicMath.exp(healthSlope * h)
            if Int(day.daysSinceEpoch) % interval == sendPhase {
                let sent = dayStart + Int64(sendSecondOfDay + random.integer(below: 1_800))
                queue.append((sent, 0))
                if random.bernoulli(1 - DeterministicMath.exp(-openIntensity * interest)) {
                    let delay = Swift.min(60 * 3_600.0, random.exponential(mean: meanOpenDelayHours * 3_600))
                    let opened = sent + 60 + Int64(delay)
                    queue.append((opened, 1))
                    if random.bernoulli(clickShare) { queue.append((opened + 10 + Int64(random.integer(below: 600)), 2)) }
                }
            }
            for (event, perDay) in occasionalEvents where random.bernoulli(perDay * interest) {
                let second = WorkingHours.secondOfDay(utcOffsetSeconds: profile.utcOffsetSeconds, random: &random)
                queue.append((dayStart + Int64(second), event))
            }
            guard !queue.isEmpty else { continue }
            queue.sort { ($0.time, $0.event) < ($1.time, $1.event) }
            let nextDayStart = dayStart + 86_400
            var emitted = 0
            while emitted < queue.count && queue[emitted].time < nextDayStart {
                let item = queue[emitted]
                emitted += 1
                guard item.time < lastInstant else { continue }
                rows.append(bytes: accountPrefix)
                rows.append(timestamp: item.time)
                rows.append(bytes: eventNames[item.event])
                rows.endRow()
                written += 1
            }
            queue.removeFirst(emitted)
        }
        return written
    }
}
