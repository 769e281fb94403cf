/// Turns the value columns of one checked event row into its typed event. The shared
/// columns (account id, timestamp) are handled by `PartitionedRead`.
package protocol EventDecoder: Sendable {
    associatedtype Event: Sendable
    static var file: EventFile { get }
    /// Required columns besides `account_id` and the timestamp.
    static var valueColumns: [String] { get }
    init(layout: ColumnLayout, mapping: FileMapping)
    func decode(_ record: CSVRecord, account: Int32, day: CalendarDay) throws(InputError) -> Event
}

package struct SessionDecoder: EventDecoder {
    package static let file = EventFile.sessions
    package static let valueColumns = ["duration_seconds"]
    let column: Int
    /// Seconds per unit of the column (1 unless a mapping says minutes, say).
    let secondsPerUnit: Double
    /// `maximumSeconds` in the column's unit, so the row loop compares without converting.
    let maximumValue: Double
    let unit: DurationUnit
    package init(layout: ColumnLayout, mapping: FileMapping) {
        column = layout["duration_seconds"]!
        unit = mapping.durationUnit
        secondsPerUnit = mapping.durationUnit.seconds
        maximumValue = SessionDecoder.maximumSeconds / mapping.durationUnit.seconds
    }

    package func decode(_ record: CSVRecord, account: Int32, day: CalendarDay) throws(InputError) -> SessionEvent {
        let field = record[column]
        guard let value = SessionDecoder.wholeSeconds(field) ?? FieldParsing.decimal(field), value >= 0,
              value <= maximumValue else {
            // An empty cell is a session whose length the export does not know.
            if FieldParsing.trimmed(field).isEmpty { return SessionEvent(account: account, day: day, durationSeconds: .nan) }
            throw InputError(file: EventFile.sessions.fileName, line: record.line, column: "duration_seconds",
                             problem: "'\(record.string(column))' is not a session duration",
                             hint: "\(unit.rawValue) as a number >= 0 and at most a year, or empty when unknown")
        }
        return SessionEvent(account: account, day: day, durationSeconds: value * secondsPerUnit)
    }

    /// The longest session read: a year. Longer is a unit mistake (milliseconds read as
    /// seconds) or a typing error, and would distort the medians.
    package static let maximumSeconds = 31_536_000.0

    /// Durations are usually whole seconds: up to 15 plain digits are read here, exactly
    /// as `FieldParsing.decimal` reads them but at a fraction of its cost; anything else
    /// (a sign, a decimal point, spaces) is left to it.
    @inline(__always)
    static func wholeSeconds(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !field.isEmpty, field.count <= 15 else { return nil }
        var value: Int64 = 0
        for byte in field {
            let digit = Int64(byte) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value &* 10 &+ digit
        }
        return Double(value)
    }
}

package struct NPSDecoder: EventDecoder {
    package static let file = EventFile.nps
    package static let valueColumns = ["score"]
    let column: Int
    package init(layout: ColumnLayout, mapping: FileMapping) { column = layout["score"]! }

    package func decode(_ record: CSVRecord, account: Int32, day: CalendarDay) throws(InputError) -> NPSResponse {
        let score = try Fields.integer(record, column, file: EventFile.nps.fileName, column: "score",
                                       range: 0...10, meaning: "an NPS score")
        return NPSResponse(account: account, day: day, score: score)
    }
}

package struct MarketingDecoder: EventDecoder {
    package static let file = EventFile.marketing
    package static let valueColumns = ["event"]
    let column: Int
    /// The export's own event names (lowercased), from a mapping file.
    let names: [String: MarketingEventKind]
    package init(layout: ColumnLayout, mapping: FileMapping) {
        column = layout["event"]!
        names = Dictionary(mapping.eventNames.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
    }

    package func decode(_ record: CSVRecord, account: Int32, day: CalendarDay) throws(InputError) -> MarketingEvent {
        let bytes = FieldParsing.trimmed(record[column])
        guard let kind = MarketingDecoder.asciiKind(bytes) ?? MarketingDecoder.unicodeKind(bytes) ?? mapped(bytes) else {
            let text = String(decoding: bytes, as: UTF8.self)
            throw InputError(file: EventFile.marketing.fileName, line: record.line, column: "event",
                             problem: "'\(text)' is not a marketing event",
                             hint: "one of " + MarketingEventKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return MarketingEvent(account: account, day: day, kind: kind)
    }

    /// The kind a mapping file gives an export's event name.
    func mapped(_ bytes: UnsafeBufferPointer<UInt8>) -> MarketingEventKind? {
        guard !names.isEmpty else { return nil }
        return names[String(decoding: bytes, as: UTF8.self).lowercased()]
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

package struct InteractionDecoder: EventDecoder {
    package static let file = EventFile.interactions
    package static let valueColumns = ["rating"]
    let column: Int
    package init(layout: ColumnLayout, mapping: FileMapping) { column = layout["rating"]! }

    package func decode(_ record: CSVRecord, account: Int32, day: CalendarDay) throws(InputError) -> InteractionRating {
        let rating = try Fields.integer(record, column, file: EventFile.interactions.fileName,
                                        column: "rating", range: 1...5, meaning: "a rating")
        return InteractionRating(account: account, day: day, rating: rating)
    }
}
