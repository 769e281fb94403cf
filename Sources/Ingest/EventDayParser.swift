/// The UTC day of event timestamps, for one reading thread.
///
/// Parsing the date took a sixth of the time of reading sessions.csv, and consecutive
/// rows of an export usually share their date, so the last date's day number is kept.
/// The common shapes (`2026-03-04T10:15:00Z` and a bare `2026-03-04`) are handled here;
/// every other shape goes to `Timestamp.day`, which this agrees with exactly.
struct EventDayParser {
    /// The first ten bytes of the last date parsed, and its day number.
    private var lastDate: (UInt64, UInt16) = (0, 0)
    private var lastDay: Int32 = 0
    private var hasLast = false

    mutating func day(_ raw: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        let b = FieldParsing.trimmed(raw)
        if b.count == 10 {
            return date(b)
        }
        guard b.count == 20, b[19] == UInt8(ascii: "Z") || b[19] == UInt8(ascii: "z"),
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "t"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let hour = EventDayParser.twoDigits(b, 11), hour <= 23,
              let minute = EventDayParser.twoDigits(b, 14), minute <= 59,
              let second = EventDayParser.twoDigits(b, 17), second <= 60
        else { return Timestamp.day(raw) }
        guard let day = date(b) else { return nil }
        // 23:59:60 (a leap second) belongs to the next day, as in `CalendarDay(unixSeconds:)`.
        return hour * 3600 + minute * 60 + second >= 86_400 ? day.adding(days: 1) : day
    }

    /// The day of the `YYYY-MM-DD` in the first ten bytes.
    private mutating func date(_ b: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        let raw = UnsafeRawPointer(b.baseAddress!)
        let key = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        if hasLast && key == lastDate { return CalendarDay(daysSinceEpoch: lastDay) }
        guard let day = CalendarDay(isoBytes: UnsafeBufferPointer(rebasing: b[0..<10])) else { return nil }
        lastDate = key
        lastDay = day.daysSinceEpoch
        hasLast = true
        return day
    }

    @inline(__always)
    private static func twoDigits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        let high = Int(b[start]) &- 48, low = Int(b[start + 1]) &- 48
        guard high >= 0 && high <= 9 && low >= 0 && low <= 9 else { return nil }
        return high * 10 + low
    }
}
