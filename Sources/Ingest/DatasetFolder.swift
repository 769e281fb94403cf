#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dataset folder: `accounts.csv` (required) and up to four event files.
///
/// Event files are read as streams: each row is checked, resolved to its account and
/// handed to the caller, so memory does not grow with the number of events.
public struct DatasetFolder: Sendable {
    public let path: String
    public let accounts: AccountTable
    /// Unknown accounts and events before the account started are errors, not skipped rows.
    public let strict: Bool

    public init(path: String, strict: Bool = false) throws(InputError) {
        self.path = path
        self.strict = strict
        let accountsPath = DatasetFolder.join(path, AccountTable.fileName)
        guard access(accountsPath, F_OK) == 0 else {
            throw InputError(file: AccountTable.fileName,
                             problem: "not found in \(path)", hint: "a dataset folder needs at least accounts.csv")
        }
        accounts = try AccountTable.read(path: accountsPath)
    }

    /// Whether the folder has this event file.
    public func has(_ file: EventFile) -> Bool { access(DatasetFolder.join(path, file.fileName), F_OK) == 0 }

    public func readSessions(_ body: (SessionEvent) -> Void) throws(InputError) -> EventFileReport? {
        try forEachEvent(.sessions, columns: ["duration_seconds"]) { (record, columns, account, day, deliver) throws(InputError) in
            let index = columns[0]
            guard let seconds = FieldParsing.decimal(record[index]), seconds >= 0 else {
                throw InputError(file: EventFile.sessions.fileName, line: record.line, column: "duration_seconds",
                                 problem: "'\(record.string(index))' is not a session duration",
                                 hint: "seconds as a number >= 0")
            }
            if deliver { body(SessionEvent(account: account, day: day, durationSeconds: seconds)) }
        }
    }

    public func readNPS(_ body: (NPSResponse) -> Void) throws(InputError) -> EventFileReport? {
        try forEachEvent(.nps, columns: ["score"]) { (record, columns, account, day, deliver) throws(InputError) in
            let score = try Fields.integer(record, columns[0], file: EventFile.nps.fileName, column: "score",
                                           range: 0...10, meaning: "an NPS score")
            if deliver { body(NPSResponse(account: account, day: day, score: score)) }
        }
    }

    public func readMarketing(_ body: (MarketingEvent) -> Void) throws(InputError) -> EventFileReport? {
        try forEachEvent(.marketing, columns: ["event"]) { (record, columns, account, day, deliver) throws(InputError) in
            let text = String(decoding: FieldParsing.trimmed(record[columns[0]]), as: UTF8.self)
            guard let kind = MarketingEventKind(rawValue: text.lowercased()) else {
                throw InputError(file: EventFile.marketing.fileName, line: record.line, column: "event",
                                 problem: "'\(text)' is not a marketing event",
                                 hint: "one of " + MarketingEventKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if deliver { body(MarketingEvent(account: account, day: day, kind: kind)) }
        }
    }

    public func readInteractions(_ body: (InteractionRating) -> Void) throws(InputError) -> EventFileReport? {
        try forEachEvent(.interactions, columns: ["rating"]) { (record, columns, account, day, deliver) throws(InputError) in
            let rating = try Fields.integer(record, columns[0], file: EventFile.interactions.fileName,
                                            column: "rating", range: 1...5, meaning: "a rating")
            if deliver { body(InteractionRating(account: account, day: day, rating: rating)) }
        }
    }

    /// The shared row loop: header, field count, account id, timestamp, leniency rules.
    /// Returns nil when the file is absent.
    private func forEachEvent(
        _ file: EventFile, columns: [String],
        _ row: (CSVRecord, [Int], Int32, CalendarDay, Bool) throws(InputError) -> Void
    ) throws(InputError) -> EventFileReport? {
        guard has(file) else { return nil }
        let reader = try CSVReader(path: DatasetFolder.join(path, file.fileName))
        let layout = try ColumnLayout(reading: reader, required: ["account_id", file.timeColumn] + columns)
        let idColumn = layout["account_id"]!, timeColumn = layout[file.timeColumn]!
        let valueColumns = columns.map { layout[$0]! }
        var report = EventFileReport(file: file)
        while let record = try reader.nextRecord() {
            try layout.check(record)
            report.rows += 1
            let day = try Fields.timestampDay(record, timeColumn, file: file.fileName, column: file.timeColumn)
            let id = String(decoding: FieldParsing.trimmed(record[idColumn]), as: UTF8.self)
            guard let account = accounts.position(of: id) else {
                if strict || id.isEmpty {
                    throw InputError(file: file.fileName, line: record.line, column: "account_id",
                                     problem: id.isEmpty ? "the account id is empty" : "'\(id)' is not in accounts.csv",
                                     hint: strict ? "remove the row, add the account, or run without --strict to skip such rows" : nil)
                }
                report.unknownAccountRows += 1
                continue
            }
            let beforeStart = day < accounts.accounts[Int(account)].startedOn
            if beforeStart {
                if strict {
                    throw InputError(file: file.fileName, line: record.line, column: file.timeColumn,
                                     problem: "\(day) is before account '\(id)' started",
                                     hint: "fix started_on in accounts.csv, or run without --strict to skip such rows")
                }
                report.beforeStartRows += 1
                // The value is still checked, so a bad row fails the same way on every date.
            }
            try row(record, valueColumns, account, day, !beforeStart)
        }
        return report
    }

    static func join(_ folder: String, _ file: String) -> String {
        folder.hasSuffix("/") ? folder + file : folder + "/" + file
    }
}
