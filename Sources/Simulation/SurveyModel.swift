import Ingest

/// NPS answers (nps.csv).
///
/// Every `surveyIntervalDays` each licensed user is asked "how likely are you to recommend
/// us?". Most never answer; users of unhealthy accounts answer even less (silence is not a
/// zero). The score reads the account's sentiment on the day of the answer, plus a lasting
/// personal bias and everyday noise.
enum SurveyModel {
    /// Answer probability of a user of an account at the reference health.
    static let responseRateAtReference = 0.22
    /// Response rate scales by logistic(0.5 + 1.5 (h - reference)) / logistic(0.5).
    static let responseSlope = 1.5
    /// Score = 7.6 + 2.0 (h - reference) + user bias (sd 0.8) + noise (sd 1.3), rounded and
    /// clamped to 0...10: NPS is near +5 at the reference health and well below 0 for a
    /// struggling account; the live base as a whole scores about +30, a common B2B figure.
    static let scoreAtReference = 7.6
    static let scoreSlope = 2.0
    static let userBiasSpread = 0.8
    static let scoreNoise = 1.3
    /// Mean delay of an answer after the invitation, in days (at most two weeks).
    static let meanAnswerDelayDays = 2.0
    /// New customers are first surveyed after their first month.
    static let firstSurveyAfterDays = 30

    static func write(_ profile: AccountProfile, path: HealthPath, config: SimulationConfig,
                      into rows: inout CSVRowBuffer) -> Int {
        var random = RandomSource(seed: config.seed, account: profile.index, purpose: StreamPurpose.surveys.rawValue)
        let accountPrefix = Array((profile.id + ",").utf8)
        let userPrefix = profile.userIdPrefix()
        let userBias = (0..<profile.seats).map { _ in userBiasSpread * random.normal() }
        let interval = config.surveyIntervalDays
        let isNewCustomer = profile.startedOn >= config.start
        var wave = random.integer(below: interval) + (isNewCustomer ? firstSurveyAfterDays : 0)
        let logisticAtReference = 1 / (1 + DeterministicMath.exp(-0.5))
        var answers: [(time: Int64, user: Int, score: Int)] = []
        var written = 0

        while wave < path.dayCount {
            let h = path.sentiment[wave] - HealthProcess.referenceHealth
            let responseRate = responseRateAtReference
                / (1 + DeterministicMath.exp(-(0.5 + responseSlope * h))) / logisticAtReference
            answers.removeAll(keepingCapacity: true)
            for user in 0..<profile.seats where random.bernoulli(responseRate) {
                let delay = Swift.min(13, Int(random.exponential(mean: meanAnswerDelayDays)))
                let answerIndex = wave + delay
                guard answerIndex < path.dayCount else { continue }
                let answerSentiment = path.sentiment[answerIndex] - HealthProcess.referenceHealth
                let latent = scoreAtReference + scoreSlope * answerSentiment + userBias[user] + scoreNoise * random.normal()
                let score = Swift.min(10, Swift.max(0, Int(latent.rounded())))
                let second = WorkingHours.secondOfDay(utcOffsetSeconds: profile.utcOffsetSeconds, random: &random)
                let time = path.firstDay.adding(days: answerIndex).unixSeconds + Int64(second)
                answers.append((time, user, score))
            }
            answers.sort { ($0.time, $0.user) < ($1.time, $1.user) }
            for answer in answers {
                rows.append(bytes: accountPrefix)
                rows.append(timestamp: answer.time)
                rows.comma()
                rows.append(integer: answer.score)
                rows.comma()
                rows.append(bytes: userPrefix)
                SessionModel.appendUserNumber(answer.user + 1, to: &rows)
                rows.endRow()
            }
            written += answers.count
            wave += interval
        }
        return written
    }
}
