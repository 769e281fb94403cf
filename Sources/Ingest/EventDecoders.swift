/// Turns the value columns of one checked event row into its typed event. The shared
/// columns (account id, timestamp) are handled by `PartitionedRead`.
protocol EventDecoder: Sendable {
    associatedtype Event: Sendable
    static var file: EventFile { get }
    /// Required columns besides `account_id` and the timestamp.
    static var valueColumns: [String] { get }
    init(layout: ColumnLayout)
    func decode(_ record: CSVRecord, account: Int32, day: CalendarDay) throws(InputError) -> Event
}

struct SessionDecoder: EventDecoder {
    static let file = EventFile.sessions
    static let valueColumns = ["duration_seconds"]
    let column: Int
    init(layout: ColumnLayout) { column = layout["duration_seconds"]! }

    func decode(_ record: CSVRecord, account: Int32, day: CalendarDay) throws(InputError) -> SessionEvent {
        guard let seconds = FieldParsing.decimal(record[column]), seconds >= 0 else {
            throw InputError(file: EventFile.sessions.fileName, line: record.line, column: "duration_seconds",
                             problem: "'\(record.string(column))' is not a session duration",
                             hint: "seconds as a number >= 0")
        }
        return SessionEvent(account: account, day: day, durationSeconds: seconds)
    }
}

struct NPSDecoder: EventDecoder {
    static let file = EventFile.nps
    static let valueColumns = ["score"]
    let column: Int
    init(layout: ColumnLayout) { column = layout["score"]! }

    func decode(_ record: CSVRecord, account: Int32, day: CalendarDay) throws(InputError) -> NPSResponse {
        let score = try Fields.integer(record, column, file: EventFile.nps.fileName, column: "score",
                                       range: 0...10, meaning: "an NPS score")
        return NPSResponse(account: account, day: day, score: score)
    }
}

struct MarketingDecoder: EventDecoder {
    static let file = EventFile.marketing
    static let valueColumns = ["event"]
    let column: Int
    init(layout: ColumnLayout) { column = layout["event"]! }

    func decode(_ record: CSVRecord, account: Int32, day: CalendarDay) throws(InputError) -> MarketingEvent {
        let bytes = FieldParsing.trimmed(record[column])
        guard let kind = MarketingDecoder.asciiKind(bytes) ?? MarketingDecoder.unicodeKind(bytes) else {
            let text = String(decoding: bytes, as: UTF8.self)
            throw InputError(file: EventFile.marketing.fileName, line: record.line, column: "event",
                             problem: "'\(text)' is not a marketing event",
                             hint: "one of " + MarketingEventKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return MarketingEvent(account: account, day: day, kind: kind)
    }

    /// The kind of a plain ASCII name in any letter case, without building a string.
    static func asciiKind(_ bytes: UnsafeBufferPointer<UInt8>) -> MarketingEventKind? {
        kinds: for kind in MarketingEventKind.allCases {
            let name = kind.rawValue.utf8
            guard name.count == bytes.count else { continue }
            for (index, expected) in name.enumerated() {
                var byte = bytes[index]
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
                if byte != expected { continue kinds }
            }
            return kind
        }
        return nil
    }

    /// Names with non-ASCII letters are lowercased by Unicode rules, as before the ASCII
    /// fast path existed (the Kelvin sign lowercases to k, for one).
    static func unicodeKind(_ bytes: UnsafeBufferPointer<UInt8>) -> MarketingEventKind? {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        return MarketingEventKind(rawValue: String(decoding: bytes, as: UTF8.self).lowercased())
    }
}

struct InteractionDecoder: EventDecoder {
    static let file = EventFile.interactions
    static let valueColumns = ["rating"]
    let column: Int
    init(layout: ColumnLayout) { column = layout["rating"]! }

    func decode(_ record: CSVRecord, account: Int32, day: CalendarDay) throws(InputError) -> InteractionRating {
        let rating = try Fields.integer(record, column, file: EventFile.interactions.fileName,
                                        column: "rating", range: 1...5, meaning: "a rating")
        return InteractionRating(account: account, day: day, rating: rating)
    }
}
