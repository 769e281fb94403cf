/// The five files, in the order of `AccountRows.buffers`.
enum OutputFile: Int, CaseIterable, Sendable {
    case accounts, sessions, surveys, marketing, interactions

    var fileName: String {
        ["accounts.csv", "sessions.csv", "nps.csv", "marketing.csv", "interactions.csv"][rawValue]
    }

    var header: [String] {
        switch self {
        case .accounts: return ["account_id", "name", "owner", "segment", "mrr", "seats", "started_on", "churned_on"]
        case .sessions: return ["account_id", "started_at", "duration_seconds", "user_id"]
        case .surveys: return ["account_id", "responded_at", "score", "user_id"]
        case .marketing: return ["account_id", "occurred_at", "event"]
        case .interactions: return ["account_id", "occurred_at", "rating", "channel"]
        }
    }
}

/// Every row of one account, simulated and formatted independently of all other accounts,
/// so accounts can run on any thread and still be written in account order.
struct AccountRows: Sendable {
    /// Indexed by `OutputFile.rawValue`.
    private(set) var buffers: [CSVRowBuffer]
    private(set) var rowCounts: [Int]
    let churned: Bool

    init(index: Int, config: SimulationConfig) {
        let profile = AccountProfile(index: index, config: config)
        let path = HealthProcess.simulate(profile, config: config)
        churned = path.churnedOn != nil
        // Buffers start small and double as rows arrive; most accounts write only a few KiB.
        buffers = OutputFile.allCases.map { _ in CSVRowBuffer(capacity: 256) }
        rowCounts = Array(repeating: 0, count: OutputFile.allCases.count)

        AccountRows.appendAccountRow(profile, churnedOn: path, to: &buffers[OutputFile.accounts.rawValue])
        rowCounts[OutputFile.accounts.rawValue] = 1
        rowCounts[OutputFile.sessions.rawValue] =
            SessionModel.write(profile, path: path, config: config, into: &buffers[OutputFile.sessions.rawValue])
        rowCounts[OutputFile.surveys.rawValue] =
            SurveyModel.write(profile, path: path, config: config, into: &buffers[OutputFile.surveys.rawValue])
        rowCounts[OutputFile.marketing.rawValue] =
            MarketingModel.write(profile, path: path, config: config, into: &buffers[OutputFile.marketing.rawValue])
        rowCounts[OutputFile.interactions.rawValue] =
            InteractionModel.write(profile, path: path, config: config, into: &buffers[OutputFile.interactions.rawValue])
    }

    private static func appendAccountRow(_ profile: AccountProfile, churnedOn path: HealthPath,
                                         to rows: inout CSVRowBuffer) {
        rows.append(text: profile.id)
        rows.comma()
        rows.append(text: profile.name)
        rows.comma()
        rows.append(text: profile.owner)
        rows.comma()
        rows.append(text: profile.segment.rawValue)
        rows.comma()
        rows.append(scaled: profile.mrrCents, fractionDigits: 2)
        rows.comma()
        rows.append(integer: profile.seats)
        rows.comma()
        rows.append(day: profile.startedOn)
        rows.comma()
        if let churnedOn = path.churnedOn { rows.append(day: churnedOn) } // empty while a customer
        rows.endRow()
    }
}
