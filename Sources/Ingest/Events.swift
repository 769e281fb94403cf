/// The typed events of the four event files. Only the UTC day of an event is kept:
/// every window in healthscore is measured in whole days.
public struct SessionEvent: Sendable, Equatable {
    public var account: Int32
    public var day: CalendarDay
    public var durationSeconds: Double
}

public struct NPSResponse: Sendable, Equatable {
    public var account: Int32
    public var day: CalendarDay
    /// 0-10.
    public var score: Int
}

public enum MarketingEventKind: String, Sendable, CaseIterable {
    case emailSent = "email_sent", emailOpen = "email_open", emailClick = "email_click"
    case webinar, caseStudy = "case_study", social
}

public struct MarketingEvent: Sendable, Equatable {
    public var account: Int32
    public var day: CalendarDay
    public var kind: MarketingEventKind
}

public struct InteractionRating: Sendable, Equatable {
    public var account: Int32
    public var day: CalendarDay
    /// 1-5.
    public var rating: Int
}

/// The four event files, their columns and what a row means.
public enum EventFile: String, Sendable, CaseIterable {
    case sessions, nps, marketing, interactions

    public var fileName: String { rawValue + ".csv" }

    /// The timestamp column of the file.
    public var timeColumn: String {
        switch self {
        case .sessions: "started_at"
        case .nps: "responded_at"
        case .marketing, .interactions: "occurred_at"
        }
    }

    /// The signal a missing file leaves out, for the note on stderr.
    public var signal: String {
        switch self {
        case .sessions: "session frequency and duration"
        case .nps: "NPS"
        case .marketing: "marketing engagement"
        case .interactions: "interaction ratings"
        }
    }
}

/// What reading one event file found besides its events.
public struct EventFileReport: Sendable, Equatable {
    public var file: EventFile
    /// Data rows read (every row is checked, whatever its date).
    public var rows = 0
    /// Rows naming an account that accounts.csv does not have: skipped.
    public var unknownAccountRows = 0
    /// Rows dated before their account's started_on: skipped.
    public var beforeStartRows = 0

    public init(file: EventFile) { self.file = file }

    /// One line for stderr when rows were skipped, nil otherwise.
    public var skippedSummary: String? {
        var parts: [String] = []
        if unknownAccountRows > 0 { parts.append("\(unknownAccountRows) rows for accounts not in accounts.csv") }
        if beforeStartRows > 0 { parts.append("\(beforeStartRows) rows dated before their account started") }
        guard !parts.isEmpty else { return nil }
        return "\(file.fileName): skipped \(parts.joined(separator: " and ")) (--strict makes this an error)"
    }
}
