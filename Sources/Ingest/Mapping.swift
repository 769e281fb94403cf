/// How a team's exports differ from the input format: other file names, other column
/// names, another way of writing dates, session lengths in other units, other names for
/// marketing events. Read from a YAML mapping file (`DataSources`); the default mapping
/// changes nothing, and reading without one takes the same path as before.
package struct DatasetMapping: Sendable, Equatable {
    package var accounts = FileMapping()
    package var events: [EventFile: FileMapping] = [:]

    package init() {}

    /// The mapping of an event file (the identity when the mapping does not mention it).
    package func file(_ file: EventFile) -> FileMapping { events[file] ?? FileMapping() }

    /// The name of the export that holds an event file.
    package func fileName(_ file: EventFile) -> String { events[file]?.fileName ?? file.fileName }

    package var accountsFileName: String { accounts.fileName ?? AccountTable.fileName }

    /// Whether the mapping changes anything.
    package var isIdentity: Bool { self == DatasetMapping() }
}

/// The mapping of one file.
package struct FileMapping: Sendable, Equatable {
    /// The export's file name in the dataset folder; nil keeps the usual name.
    package var fileName: String?
    /// Column names of the input format (`started_at`) to the export's header names.
    package var columns: [String: String] = [:]
    /// How the file's dates and timestamps are written; nil is ISO 8601.
    package var dateFormat: DateFormat?
    /// The unit of `duration_seconds` (sessions).
    package var durationUnit: DurationUnit = .seconds
    /// Event names of the export (compared without letter case) to marketing event kinds.
    package var eventNames: [String: MarketingEventKind] = [:]

    package init(fileName: String? = nil, columns: [String: String] = [:], dateFormat: DateFormat? = nil,
                 durationUnit: DurationUnit = .seconds, eventNames: [String: MarketingEventKind] = [:]) {
        self.fileName = fileName
        self.columns = columns
        self.dateFormat = dateFormat
        self.durationUnit = durationUnit
        self.eventNames = eventNames
    }

    /// The header name of a column in the export.
    package func exportColumn(_ column: String) -> String { columns[column] ?? column }

    /// An error of this file as the user knows it: the export's file and column names.
    package func localize(_ error: InputError, fileName: String) -> InputError {
        var error = error
        error.file = fileName
        if let column = error.column { error.column = exportColumn(column) }
        error.others = error.others.map { localize($0, fileName: fileName) }
        return error
    }

    /// The day of a date or timestamp cell, by this file's format (ISO 8601 when none).
    package func day(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        if let dateFormat { return dateFormat.day(bytes) }
        return Timestamp.day(bytes)
    }

    /// The accepted form of dates, for messages.
    package var dateHint: String {
        dateFormat.map { "dates are written \($0.description) in this file (the mapping file says so)" }
            ?? "use ISO 8601, e.g. 2026-03-04T10:15:00Z, or a date YYYY-MM-DD"
    }
}

/// Units a session length may come in.
package enum DurationUnit: String, Sendable, CaseIterable {
    case seconds, milliseconds, minutes, hours

    /// Seconds in one unit.
    package var seconds: Double {
        switch self {
        case .seconds: 1
        case .milliseconds: 0.001
        case .minutes: 60
        case .hours: 3600
        }
    }
}

/// How dates and timestamps are written in an export.
package enum DateFormat: Sendable, Equatable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z (a decimal point allowed).
    case unixSeconds
    /// Milliseconds since 1970-01-01T00:00:00Z.
    case unixMilliseconds
    /// A pattern such as `MM/DD/YYYY` (`DatePattern`).
    case pattern(DatePattern)

    /// Reads a format name: `unix_seconds`, `unix_ms`, or a pattern.
    package init?(_ text: String) {
        switch text.lowercased() {
        case "unix_seconds", "unix_s", "epoch_seconds": self = .unixSeconds
        case "unix_ms", "unix_milliseconds", "epoch_ms": self = .unixMilliseconds
        default:
            guard let pattern = DatePattern(text) else { return nil }
            self = .pattern(pattern)
        }
    }

    package var description: String {
        switch self {
        case .unixSeconds: "as seconds since 1970 (unix_seconds)"
        case .unixMilliseconds: "as milliseconds since 1970 (unix_ms)"
        case .pattern(let pattern): pattern.text
        }
    }

    package func day(_ raw: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        let bytes = FieldParsing.trimmed(raw)
        switch self {
        case .unixSeconds: return DateFormat.epochDay(bytes, perSecond: 1)
        case .unixMilliseconds: return DateFormat.epochDay(bytes, perSecond: 1000)
        case .pattern(let pattern): return pattern.day(bytes)
        }
    }

    /// The UTC day of a whole (or decimal) count of units since the epoch; nil for
    /// anything else, or for a count so large it means no plausible day.
    private static func epochDay(_ bytes: UnsafeBufferPointer<UInt8>, perSecond: Int64) -> CalendarDay? {
        guard !bytes.isEmpty, bytes.count <= 40 else { return nil }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; index = 1 }
        var value: Int64 = 0
        var digits = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            guard digits < 17 else { return nil }   // past year 3 million in milliseconds
            value = value * 10 + Int64(bytes[index] - 48)
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        if index < bytes.count {
            // A fraction of a unit: checked, then dropped.
            guard bytes[index] == UInt8(ascii: "."), index + 1 < bytes.count else { return nil }
            index += 1
            while index < bytes.count {
                guard bytes[index] >= 48, bytes[index] <= 57 else { return nil }
                index += 1
            }
        }
        var seconds = value / perSecond
        if negative { seconds = -seconds - (value % perSecond == 0 ? 0 : 1) }
        return CalendarDay(unixSeconds: seconds)
    }
}

/// A date pattern: `YYYY` four-digit year, `YY` two-digit year (70-99 are 1970-1999, 00-69
/// are 2000-2069), `MM` or `M` month and `DD` or `D` day (one or two digits either way),
/// and any other character written as is (`MM/DD/YYYY`, `DD.MM.YYYY`, `YYYY/MM/DD`). What
/// follows the date after a space or a `T` (a time, a zone) is ignored: the day written is
/// the day taken.
package struct DatePattern: Sendable, Equatable {
    enum Token: Sendable, Equatable { case year4, year2, month, day, literal(UInt8) }

    package let text: String
    let tokens: [Token]

    /// Nil unless the pattern has exactly one year, one month and one day.
    package init?(_ text: String) {
        var tokens: [Token] = []
        let bytes = Array(text.utf8)
        var index = 0
        func run(of byte: UInt8) -> Int {
            var end = index
            while end < bytes.count && bytes[end] == byte { end += 1 }
            return end - index
        }
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case UInt8(ascii: "Y"), UInt8(ascii: "y"):
                length = run(of: byte)
                guard length == 4 || length == 2 else { return nil }
                tokens.append(length == 4 ? .year4 : .year2)
            case UInt8(ascii: "M"):
                length = run(of: byte)
                guard length <= 2 else { return nil }
                tokens.append(.month)
            case UInt8(ascii: "D"), UInt8(ascii: "d"):
                length = run(of: byte)
                guard length <= 2 else { return nil }
                tokens.append(.day)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                return nil
            default:
                length = 1
                tokens.append(.literal(byte))
            }
            index += length
        }
        let years = tokens.filter { $0 == .year4 || $0 == .year2 }.count
        guard years == 1, tokens.filter({ $0 == .month }).count == 1, tokens.filter({ $0 == .day }).count == 1 else {
            return nil
        }
        self.text = text
        self.tokens = tokens
    }

    package static func == (a: DatePattern, b: DatePattern) -> Bool { a.text == b.text }

    func day(_ b: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        var index = 0
        var year = 0, month = 0, day = 0
        func number(maxDigits: Int, exactly: Bool) -> Int? {
            var value = 0, digits = 0
            while index < b.count, digits < maxDigits, b[index] >= 48, b[index] <= 57 {
                value = value * 10 + Int(b[index] - 48)
                digits += 1
                index += 1
            }
            guard digits > 0, !exactly || digits == maxDigits else { return nil }
            return value
        }
        for token in tokens {
            switch token {
            case .year4:
                guard let value = number(maxDigits: 4, exactly: true) else { return nil }
                year = value
            case .year2:
                guard let value = number(maxDigits: 2, exactly: true) else { return nil }
                year = value < 70 ? 2000 + value : 1900 + value
            case .month:
                guard let value = number(maxDigits: 2, exactly: false) else { return nil }
                month = value
            case .day:
                guard let value = number(maxDigits: 2, exactly: false) else { return nil }
                day = value
            case .literal(let byte):
                guard index < b.count, b[index] == byte else { return nil }
                index += 1
            }
        }
        if index < b.count {
            guard b[index] == UInt8(ascii: " ") || b[index] == UInt8(ascii: "T") || b[index] == UInt8(ascii: "t")
            else { return nil }
        }
        return CalendarDay(year: year, month: month, day: day)
    }
}
