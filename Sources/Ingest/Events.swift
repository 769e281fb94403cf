/// The typed events of the four event files. Only the UTC day of an event is kept:
/// every window in healthscore is measured in whole days.
package struct SessionEvent: Sendable, Equatable {
    package var account: Int32
    package var day: CalendarDay
    /// NaN when the export leaves the length empty: the session counts as a login, and
    /// its length is missing (left out of the medians).
    package var durationSeconds: Double
}

package struct NPSResponse: Sendable, Equatable {
    package var account: Int32
    package var day: CalendarDay
    /// 0-10.
    package var score: Int
}

package enum MarketingEventKind: String, Sendable, CaseIterable {
    case emailSent = "email_sent", emailOpen = "email_open", emailClick = "email_click"
    case webinar, caseStudy = "case_study", social
}

package struct MarketingEvent: Sendable, Equatable {
    package var account: Int32
    package var day: CalendarDay
    package var kind: MarketingEventKind
}

package struct InteractionRating: Sendable, Equatable, BitwiseCopyable {
    package var account: Int32
    package var day: CalendarDay
    /// 1-5.
    package var rating: Int
}

/// The four event files, their columns and what a row means.
package enum EventFile: String, Sendable, CaseIterable {
    case sessions, nps, marketing, interactions

    package var fileName: String { rawValue + ".csv" }

    /// The timestamp column of the file.
    package var timeColumn: String {
        switch self {
        case .sessions: "started_at"
        case .nps: "responded_at"
        case .marketing, .interactions: "occurred_at"
        }
    }

    /// The signal a missing file leaves out, for the note on stderr.
    package var signal: String {
        switch self {
        case .sessions: "session frequency and duration"
        case .nps: "NPS"
        case .marketing: "marketing engagement"
        case .interactions: "interaction ratings"
        }
    }
}

/// What reading one event file found besides its events.
package struct EventFileReport: Sendable, Equatable {
    package var file: EventFile
    /// Data rows read (every row is checked, whatever its date).
    package var rows = 0
    /// Rows naming an account that accounts.csv does not have: skipped.
    package var unknownAccountRows = 0
    /// Rows dated before their account's started_on: skipped.
    package var beforeStartRows = 0
    /// Rows with a problem, set aside in the rejects file.
    package var rejectedRows = 0

    package init(file: EventFile) { self.file = file }

    /// One line for stderr when rows were skipped, nil otherwise.
    package var skippedSummary: String? {
        var parts: [String] = []
        if unknownAccountRows > 0 { parts.append("\(unknownAccountRows) rows for accounts not in accounts.csv") }
        if beforeStartRows > 0 { parts.append("\(beforeStartRows) rows dated before their account started") }
        guard !parts.isEmpty else { return nil }
        return "\(file.fileName): skipped \(parts.joined(separator: " and "))"
    }
}
