/// Turns the value columns of one checked event row into its typed event. The shared
/// columns (account id, timestamp) are handled by `PartitionedRead`.
package protocol EventDecoder: Sendable {
    associatedtype Event: Sendable
    static var file: EventFile { get }
    /// Required columns besides `account_id` and the timestamp.
    static var valueColumns: [String] { get }
    init(layout: ColumnLayout, mapping: FileMapping)
    func decode(_ record: CSVRecord, account: Int32, day: CalendarDay) throws(InputError) -> Event
    /// The index of the value column.
    var column: Int { get }
    /// The event of a plain row (`PlainLine`) whose value has its usual form (whole
    /// seconds, a score of one or two digits, an event name in ASCII), or nil, and then
    /// `decode` reads the row and decides. Both give the same event for such a value.
    /// The eight bytes before the value's end may be read: the row loop takes a line as
    /// plain only when its value ends eight bytes or more into it.
    func plainEvent(_ value: UnsafeBufferPointer<UInt8>, account: Int32, day: CalendarDay) -> Event?
}

extension EventDecoder {
    /// A number of one or two plain digits, nil for anything else.
    @inline(__always)
    static func smallInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count == 1 || bytes.count == 2 else { return nil }
        var value = 0
        for byte in bytes {
            let digit = Int(byte) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}

package struct SessionDecoder: EventDecoder {
    package static let file = EventFile.sessions
    package static let valueColumns = ["duration_seconds"]
    package let column: Int
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
        // "-0" reads as 0: a zero's sign would otherwise decide the sign of a median of
        // zeros, and that by the order the lengths were gathered in.
        let seconds = value * secondsPerUnit
        return SessionEvent(account: account, day: day, durationSeconds: seconds == 0 ? 0 : seconds)
    }

    @inline(__always)
    package func plainEvent(_ value: UnsafeBufferPointer<UInt8>, account: Int32, day: CalendarDay) -> SessionEvent? {
        guard let seconds = value.count <= 8 ? SessionDecoder.wholeSeconds(endingAt: value.baseAddress! + value.count, count: value.count)
                                             : SessionDecoder.wholeSeconds(value),
              seconds <= maximumValue else { return nil }
        return SessionEvent(account: account, day: day, durationSeconds: seconds * secondsPerUnit)
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

    /// `wholeSeconds` of the one to eight bytes before `end`, all eight of which may be
    /// read: the digits are checked and combined eight at once, without a loop (whose exit
    /// after a varying number of digits was mispredicted on nearly every row).
    @inline(__always)
    static func wholeSeconds(endingAt end: UnsafePointer<UInt8>, count: Int) -> Double? {
        guard count >= 1 && count <= 8 else { return nil }
        let loaded = UInt64(littleEndian: UnsafeRawPointer(end - 8).loadUnaligned(as: UInt64.self))
        // The bytes before the value (the low ones) become leading zeros.
        let before: UInt64 = count == 8 ? 0 : (1 << UInt64(64 - 8 * count)) - 1
        let word = loaded & ~before | 0x3030_3030_3030_3030 & before
        guard (word & 0xF0F0_F0F0_F0F0_F0F0) | ((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4
                == 0x3333_3333_3333_3333 else { return nil }
        // Pairs, then fours, then all eight digits (the first digit is the lowest byte).
        var digits = word &- 0x3030_3030_3030_3030
        digits = digits &* 10 &+ digits >> 8
        digits = ((digits & 0x0000_00FF_0000_00FF) &* (100 &+ 1_000_000 << 32)
                  &+ (digits >> 16 & 0x0000_00FF_0000_00FF) &* (1 &+ 10_000 << 32)) >> 32
        return Double(UInt32(truncatingIfNeeded: digits))
    }
}

package struct NPSDecoder: EventDecoder {
    package static let file = EventFile.nps
    package static let valueColumns = ["score"]
    package let column: Int
    package init(layout: ColumnLayout, mapping: FileMapping) { column = layout["score"]! }

    package func decode(_ record: CSVRecord, account: Int32, day: CalendarDay) throws(InputError) -> NPSResponse {
        let score = try Fields.integer(record, column, file: EventFile.nps.fileName, column: "score",
                                       range: 0...10, meaning: "an NPS score")
        return NPSResponse(account: account, day: day, score: score)
    }

    package func plainEvent(_ value: UnsafeBufferPointer<UInt8>, account: Int32, day: CalendarDay) -> NPSResponse? {
        guard let score = Self.smallInteger(value), score <= 10 else { return nil }
        return NPSResponse(account: account, day: day, score: score)
    }
}

package struct MarketingDecoder: EventDecoder {
    package static let file = EventFile.marketing
    package static let valueColumns = ["event"]
    package let column: Int
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

    package func plainEvent(_ value: UnsafeBufferPointer<UInt8>, account: Int32, day: CalendarDay) -> MarketingEvent? {
        // The eight bytes before the value's end may be read: the name's key is loaded as
        // words, not gathered byte by byte.
        guard value.count <= 16,
              let kind = MarketingDecoder.asciiKind(AccountIndex.Key(endingAt: value.baseAddress! + value.count,
                                                                     count: value.count))
        else { return nil }
        return MarketingEvent(account: account, day: day, kind: kind)
    }

    /// The kind a mapping file gives an export's event name.
    func mapped(_ bytes: UnsafeBufferPointer<UInt8>) -> MarketingEventKind? {
        guard !names.isEmpty else { return nil }
        return names[String(decoding: bytes, as: UTF8.self).lowercased()]
    }

    /// The kind of a plain ASCII name in any letter case, without building a string: the
    /// name's bytes as two words, lowercased eight letters at a time and compared with each
    /// kind's (comparing byte by byte with every kind took an eighth of reading marketing.csv).
    static func asciiKind(_ bytes: UnsafeBufferPointer<UInt8>) -> MarketingEventKind? {
        guard bytes.count <= 16 else { return nil }
        return asciiKind(AccountIndex.Key(bytes))
    }

    /// `asciiKind` of a name of at most 16 bytes, as its key.
    @inline(__always)
    static func asciiKind(_ key: AccountIndex.Key) -> MarketingEventKind? {
        let low = lowercased(key.low), high = lowercased(key.high)
        for (name, kind) in kindKeys where name.count == key.count && name.low == low && name.high == high {
            return kind
        }
        return nil
    }

    /// Each kind with its name as a key, the kind kept beside it rather than looked up in
    /// `allCases` by index. With that, and the plain rows' names loaded as words
    /// (`AccountIndex.Key(endingAt:count:)`), marketing.csv of the 3 GB base of 200,000
    /// accounts was read for `train`'s four days in 0.26 s instead of 0.30-0.39 s: matching
    /// the names had taken 4% of the job's CPU time.
    private static let kindKeys: [(key: AccountIndex.Key, kind: MarketingEventKind)] = MarketingEventKind.allCases.map { kind in
        var name = kind.rawValue
        return (name.withUTF8 { AccountIndex.Key($0) }, kind)
    }

    /// `word` with its ASCII capitals (bytes 0x41-0x5A) made small; other bytes unchanged.
    @inline(__always)
    static func lowercased(_ word: UInt64) -> UInt64 {
        let ascii = ~word & 0x8080_8080_8080_8080
        let low7 = word & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastA = (low7 &+ 0x3F3F_3F3F_3F3F_3F3F) & ascii
        let pastZ = (low7 &+ 0x2525_2525_2525_2525) & ascii
        return word | ((atLeastA & ~pastZ) >> 2)
    }

    /// Names with non-ASCII letters are lowercased by Unicode rules, as before the ASCII
    /// fast path existed (the Kelvin sign lowercases to k, for one).
    static func unicodeKind(_ bytes: UnsafeBufferPointer<UInt8>) -> MarketingEventKind? {
        guard !isASCII(bytes) else { return nil }
        return MarketingEventKind(rawValue: String(decoding: bytes, as: UTF8.self).lowercased())
    }
}

package struct InteractionDecoder: EventDecoder {
    package static let file = EventFile.interactions
    package static let valueColumns = ["rating"]
    package let column: Int
    package init(layout: ColumnLayout, mapping: FileMapping) { column = layout["rating"]! }

    package func decode(_ record: CSVRecord, account: Int32, day: CalendarDay) throws(InputError) -> InteractionRating {
        let rating = try Fields.integer(record, column, file: EventFile.interactions.fileName,
                                        column: "rating", range: 1...5, meaning: "a rating")
        return InteractionRating(account: account, day: day, rating: rating)
    }

    package func plainEvent(_ value: UnsafeBufferPointer<UInt8>, account: Int32, day: CalendarDay) -> InteractionRating? {
        guard let rating = Self.smallInteger(value), rating >= 1 && rating <= 5 else { return nil }
        return InteractionRating(account: account, day: day, rating: rating)
    }
}
