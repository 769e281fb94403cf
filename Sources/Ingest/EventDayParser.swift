/// The UTC day of event timestamps, for one reading thread.
///
/// Parsing the date took a sixth of the time of reading sessions.csv, and consecutive
/// rows of an export usually share their date, or at least their month, so the last
/// date's day number is kept, and the first day of the last 64 months seen (rows of one
/// account after the other go through the months again and again).
/// The common shapes (`2026-03-04T10:15:00Z` and a bare `2026-03-04`) are handled here;
/// every other shape goes to `Timestamp.day`, which this agrees with exactly.
struct EventDayParser {
    /// The first ten bytes of the last date parsed, and its day number.
    private var lastDate: (UInt64, UInt16) = (0, 0)
    private var lastDay: Int32 = 0
    private var hasLast = false
    /// The first seven bytes (`YYYY-MM`) of the last date's month (0 before any), the
    /// month's first day and its length: most new dates are in the last one's month.
    private var lastMonth: UInt64 = 0
    private var lastMonthStart: Int32 = 0
    private var lastMonthLength = 0
    /// Months seen, by a hash of their first seven bytes (`YYYY-MM`): those bytes, the
    /// month's first day and its length (0: empty slot).
    private var monthKeys = [UInt64](repeating: 0, count: 64)
    private var monthStarts = [Int32](repeating: 0, count: 64)
    private var monthLengths = [Int](repeating: 0, count: 64)

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

    /// The day of a timestamp of the usual form, `YYYY-MM-DDTHH:MM:SSZ`, its time of day
    /// checked eight bytes at once; nil for any other form or a wrong time, and then `day`
    /// decides. The same day as `day` for every timestamp it takes.
    @inline(__always)
    mutating func plainDay(_ b: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        guard b.count == 20, b[19] == UInt8(ascii: "Z"), b[10] == UInt8(ascii: "T") else { return nil }
        // `HH:MM:SS` against "00:00:00": digits become 0-9 and the colons 0.
        let time = UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + 11).loadUnaligned(as: UInt64.self))
            ^ 0x3030_3A30_303A_3030
        guard time & 0xF0F0_F0F0_F0F0_F0F0 == 0, (time &+ 0x0606_0606_0606_0606) & 0x1010_1010_1010_1010 == 0,
              time & 0x0000_FF00_00FF_0000 == 0 else { return nil }
        let hour = (time & 0xFF) &* 10 &+ (time >> 8 & 0xFF)
        let minute = (time >> 24 & 0xFF) &* 10 &+ (time >> 32 & 0xFF)
        let second = (time >> 48 & 0xFF) &* 10 &+ (time >> 56)
        // 23:59:60 (a leap second) belongs to the next day: left to `day`.
        guard hour <= 23, minute <= 59, second <= 59, let day = date(b) else { return nil }
        return day
    }

    /// The day of the `YYYY-MM-DD` in the first ten bytes (of at least ten). The last
    /// date's day, and a day of the last date's month, are answered here, in the caller's
    /// loop; any other goes to `newDate` (as one function, the call took 7% of reading
    /// sessions.csv; with a session a day or so per account, most rows have a new date
    /// in the same month, and their calls took 3% of `train` with its defaults).
    @inline(__always)
    private mutating func date(_ b: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        let raw = UnsafeRawPointer(b.baseAddress!)
        let head = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))   // byte 0 lowest
        let key = (head, raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        if hasLast && key == lastDate { return CalendarDay(daysSinceEpoch: lastDay) }
        if head & 0x00FF_FFFF_FFFF_FFFF == lastMonth,
           let dayOfMonth = EventDayParser.dayOfMonth(b, monthLength: lastMonthLength) {
            lastDate = key
            lastDay = lastMonthStart + Int32(dayOfMonth - 1)
            return CalendarDay(daysSinceEpoch: lastDay)
        }
        return newDate(b, key: key)
    }

    /// `date` for a date other than the last one.
    @inline(never)
    private mutating func newDate(_ b: UnsafeBufferPointer<UInt8>, key: (UInt64, UInt16)) -> CalendarDay? {
        let head = key.0
        let month = head & 0x00FF_FFFF_FFFF_FFFF
        let slot = Int(truncatingIfNeeded: (month &* 0x9E37_79B9_7F4A_7C15) >> 58)
        let day: CalendarDay
        if monthLengths[slot] > 0 && monthKeys[slot] == month,
           let dayOfMonth = EventDayParser.dayOfMonth(b, monthLength: monthLengths[slot]) {
            day = CalendarDay(daysSinceEpoch: monthStarts[slot] + Int32(dayOfMonth - 1))
        } else {
            guard let parsed = CalendarDay(isoBytes: UnsafeBufferPointer(rebasing: b[0..<10])) else { return nil }
            day = parsed
            let (year, monthOfYear, dayOfMonth) = parsed.civil
            monthKeys[slot] = month
            monthStarts[slot] = parsed.daysSinceEpoch - Int32(dayOfMonth - 1)
            monthLengths[slot] = CalendarDay.daysIn(month: monthOfYear, year: year)
        }
        lastDate = key
        lastDay = day.daysSinceEpoch
        hasLast = true
        (lastMonth, lastMonthStart, lastMonthLength) = (month, monthStarts[slot], monthLengths[slot])
        return day
    }

    /// The day of the month of a date whose `YYYY-MM` is a known month of `monthLength`
    /// days: its `-DD`, when that is a day of the month.
    @inline(__always)
    private static func dayOfMonth(_ b: UnsafeBufferPointer<UInt8>, monthLength: Int) -> Int? {
        guard b[7] == UInt8(ascii: "-"), let day = twoDigits(b, 8), day >= 1, day <= monthLength else { return nil }
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
