/// The UTC day of event timestamps, for one reading thread.
///
/// Parsing the date took a sixth of the time of reading sessions.csv, and consecutive
/// rows of an export usually share their date, or at least their month, so the last
/// date's day number and the last month's first day are kept.
/// The common shapes (`2026-03-04T10:15:00Z` and a bare `2026-03-04`) are handled here;
/// every other shape goes to `Timestamp.day`, which this agrees with exactly.
struct EventDayParser {
    /// The first ten bytes of the last date parsed, and its day number.
    private var lastDate: (UInt64, UInt16) = (0, 0)
    private var lastDay: Int32 = 0
    private var hasLast = false
    /// The first seven bytes (`YYYY-MM`) of the last month parsed, its first day and length.
    private var lastMonth: UInt64 = 0
    private var monthStart: Int32 = 0
    private var monthDays = 0

    mutating func day(_ raw: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        let b = trimmedFast(raw)
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

    /// The day of the `YYYY-MM-DD` in the first ten bytes (of at least ten).
    private mutating func date(_ b: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        let raw = UnsafeRawPointer(b.baseAddress!)
        let head = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))   // byte 0 lowest
        let key = (head, raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        if hasLast && key == lastDate { return CalendarDay(daysSinceEpoch: lastDay) }
        let month = head & 0x00FF_FFFF_FFFF_FFFF
        let day: CalendarDay
        if monthDays > 0 && month == lastMonth && b[7] == UInt8(ascii: "-"),
           let dayOfMonth = EventDayParser.twoDigits(b, 8), dayOfMonth >= 1, dayOfMonth <= monthDays {
            day = CalendarDay(daysSinceEpoch: monthStart + Int32(dayOfMonth - 1))
        } else {
            guard let parsed = CalendarDay(isoBytes: UnsafeBufferPointer(rebasing: b[0..<10])) else { return nil }
            day = parsed
            let (year, monthOfYear, dayOfMonth) = parsed.civil
            lastMonth = month
            monthStart = parsed.daysSinceEpoch - Int32(dayOfMonth - 1)
            monthDays = CalendarDay.daysIn(month: monthOfYear, year: year)
        }
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

/// `FieldParsing.trimmed`, with the usual case (nothing to trim) decided inline: the
/// row loop trims three fields per row.
@inline(__always)
func trimmedFast(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    guard let first = bytes.first, let last = bytes.last else { return bytes }
    if first != 32 && first != 9 && last != 32 && last != 9 { return bytes }
    return FieldParsing.trimmed(bytes)
}
