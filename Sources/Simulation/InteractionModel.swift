import Ingest

/// Ratings of calls, tickets, meetings and business reviews with the account team
/// (interactions.csv): sparse and subjective, but early.
///
/// Ratings read the account's sentiment on the day itself, while usage follows sentiment
/// about two weeks later, so dissatisfaction shows here first. Unhappy accounts also open
/// more tickets, and tickets are rated lower than meetings (people file them when stuck).
enum InteractionModel {
    /// Rating = 3.9 + 1.1 (h - reference) + channel shift + noise (sd 0.7), rounded into 1...5;
    /// live accounts average about 3.9, those about to churn about 3.
    static let ratingAtReference = 3.9
    static let ratingSlope = 1.1
    static let ratingNoise = 0.7
    /// Ticket volume scales by e^(-0.5 (h - reference)).
    static let ticketHealthSlope = -0.5
    /// Working days per month, to turn monthly rates into daily ones.
    static let workingDaysPerMonth = 21.7
    /// Business reviews are quarterly.
    static let businessReviewInterval = 91

    enum Channel: Int, CaseIterable {
        case call, ticket, meeting, qbr

        var label: String { ["call", "ticket", "meeting", "qbr"][rawValue] }
        var ratingShift: Double { [0.0, -0.35, 0.1, 0.05][rawValue] }
    }

    static func write(_ profile: AccountProfile, path: HealthPath, config: SimulationConfig,
                      into rows: inout CSVRowBuffer) -> Int {
        var random = RandomSource(seed: config.seed, account: profile.index, purpose: StreamPurpose.interactions.rawValue)
        let accountPrefix = Array((profile.id + ",").utf8)
        let channelSuffixes = Channel.allCases.map { Array(("," + $0.label).utf8) }
        let traits = profile.segment.traits
        let reviewPhase = random.integer(below: businessReviewInterval)
        var today: [(second: Int, rating: Int, channel: Int)] = []
        var written = 0

        for index in 0..<path.dayCount {
            let day = path.firstDay.adding(days: index)
            let isWeekday = WorkingHours.isWeekday(daysSinceEpoch: day.daysSinceEpoch)
            let h = path.sentiment[index] - HealthProcess.referenceHealth
            let ticketRate = traits.ticketsPerMonth / workingDaysPerMonth * (isWeekday ? 1 : 0.3)
                * DeterministicMath.exp(ticketHealthSlope * h)
            var counts = [0, random.poisson(ticketRate), 0, 0]
            if isWeekday {
                counts[Channel.call.rawValue] = random.poisson(traits.callsPerMonth / workingDaysPerMonth)
                counts[Channel.meeting.rawValue] = random.poisson(traits.meetingsPerMonth / workingDaysPerMonth)
            }
            // Reviews fall on the first working day on or after each quarterly date.
            if traits.holdsBusinessReviews && index >= reviewPhase {
                let sinceDue = (index - reviewPhase) % businessReviewInterval
                if sinceDue < 3 && isWeekday && isFirstWorkingDay(day, daysSinceDue: sinceDue) {
                    counts[Channel.qbr.rawValue] = 1
                }
            }
            today.removeAll(keepingCapacity: true)
            for channel in Channel.allCases {
                for _ in 0..<counts[channel.rawValue] {
                    let latent = ratingAtReference + ratingSlope * h + channel.ratingShift + ratingNoise * random.normal()
                    let rating = Swift.min(5, Swift.max(1, Int(latent.rounded())))
                    let second = WorkingHours.secondOfDay(utcOffsetSeconds: profile.utcOffsetSeconds, random: &random)
                    today.append((second, rating, channel.rawValue))
                }
            }
            guard !today.isEmpty else { continue }
            today.sort { ($0.second, $0.channel) < ($1.second, $1.channel) }
            for item in today {
                rows.append(bytes: accountPrefix)
                rows.append(timestamp: day.unixSeconds + Int64(item.second))
                rows.comma()
                rows.append(integer: item.rating)
                rows.append(bytes: channelSuffixes[item.channel])
                rows.endRow()
            }
            written += today.count
        }
        return written
    }

    /// Whether `day` is the first weekday among the `daysSinceDue + 1` days ending on it.
    private static func isFirstWorkingDay(_ day: CalendarDay, daysSinceDue: Int) -> Bool {
        for back in stride(from: 1, through: daysSinceDue, by: 1)
        where WorkingHours.isWeekday(daysSinceEpoch: day.adding(days: -back).daysSinceEpoch) {
            return false
        }
        return true
    }
}
