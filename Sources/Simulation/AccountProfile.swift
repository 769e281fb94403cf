import Ingest

/// The independent random streams of one account. Keeping each output on its own stream
/// means a knob of one file never reshuffles another file or the accounts themselves.
enum StreamPurpose: UInt64 {
    case profile = 1, health, sessions, surveys, marketing, interactions
}

/// The fixed traits of one account: what accounts.csv shows, plus the hidden habits that
/// make accounts differ at equal health (so a low level of usage alone is a weak signal).
struct AccountProfile: Sendable {
    let index: Int
    /// `A000123`: "A" and the 1-based number, zero-padded to six digits.
    let id: String
    let name: String
    let owner: String
    let segment: Segment
    let seats: Int
    let mrrCents: Int
    let startedOn: CalendarDay
    /// Annual contracts renew on each anniversary of `startedOn`; churn gathers before it.
    let annualContract: Bool
    /// Account habit multiplying every user's login rate (median 1); independent of health.
    let usageLevel: Double
    /// Account habit multiplying session length (median 1); independent of health.
    let sessionLengthLevel: Double
    /// How much the account's contacts read marketing at all (median 1, very spread):
    /// most healthy customers ignore it, so silence says little.
    let marketingAffinity: Double
    /// Offset of the account's working hours from UTC, in seconds.
    let utcOffsetSeconds: Int
    /// Running sums of the users' login propensities (mean 1), in order of attachment: when
    /// health falls the last users stop logging in first. Element 0 is 0; count is seats + 1.
    let propensityPrefixSums: [Double]

    /// Spread of login propensity between users of one account (log scale).
    static let userPropensitySpread = 0.8

    init(index: Int, config: SimulationConfig) {
        var random = RandomSource(seed: config.seed, account: index, purpose: StreamPurpose.profile.rawValue)
        self.index = index
        let number = String(index + 1)
        id = "A" + String(repeating: "0", count: Swift.max(0, 6 - number.count)) + number

        let segmentRoll = random.uniform()
        segment = segmentRoll < config.enterpriseShare ? .enterprise
            : segmentRoll < config.enterpriseShare + config.midMarketShare ? .midMarket : .smb
        let traits = segment.traits
        name = CompanyNames.make(using: &random)
        owner = traits.owners[random.integer(below: traits.owners.count)]
        seats = Swift.min(5_000, Swift.max(1, Int(random.logNormal(median: traits.medianSeats,
                                                                   sigma: traits.seatSpread).rounded())))
        let pricePerSeat = random.logNormal(median: traits.medianPricePerSeat, sigma: 0.3)
        mrrCents = Int((Double(seats) * pricePerSeat * 100).rounded())
        annualContract = random.bernoulli(traits.annualContractShare)

        let history = config.end.days(since: config.start)
        if random.bernoulli(config.shareLiveAtStart) {
            // Customers for up to four years before the history begins.
            startedOn = config.start.adding(days: -(1 + random.integer(below: 1_460)))
        } else {
            startedOn = config.start.adding(days: Swift.min(history, 1 + random.integer(below: Swift.max(1, history))))
        }

        usageLevel = random.logNormal(median: 1, sigma: 0.9)
        sessionLengthLevel = random.logNormal(median: 1, sigma: 0.3)
        marketingAffinity = random.logNormal(median: 1, sigma: 1.0)
        let regionRoll = random.uniform()
        // Americas (UTC-5), EMEA (UTC+1), APAC (UTC+8).
        utcOffsetSeconds = (regionRoll < 0.45 ? -5 : regionRoll < 0.8 ? 1 : 8) * 3_600

        let spread = AccountProfile.userPropensitySpread
        let normaliser = DeterministicMath.exp(-spread * spread / 2) // makes the mean propensity 1
        var sums = [Double](repeating: 0, count: seats + 1)
        for user in 0..<seats {
            sums[user + 1] = sums[user] + random.logNormal(median: 1, sigma: spread) * normaliser
        }
        propensityPrefixSums = sums
    }

    /// Days from the start of the contract, counting its first day as 0.
    func tenure(on day: CalendarDay) -> Int { day.days(since: startedOn) }

    /// `U000123-007`: account number and 1-based user number within the account.
    func userIdPrefix() -> [UInt8] {
        Array(("U" + id.dropFirst() + "-").utf8)
    }
}
