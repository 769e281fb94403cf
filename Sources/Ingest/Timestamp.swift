/// ISO 8601 timestamps as they come out of CRMs and product analytics.
///
/// Accepted: `2026-03-04T10:15:00Z`, with fractional seconds, with an offset
/// (`+02:00`, `+0200`, `-05`), a space instead of `T`, minutes without seconds, no zone
/// (read as UTC), or a bare date `2026-03-04` (midnight UTC).
package enum Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z, or nil when the text is not a timestamp.
    package static func unixSeconds(_ raw: UnsafeBufferPointer<UInt8>) -> Int64? {
        let b = FieldParsing.trimmed(raw)
        guard b.count >= 10, let day = CalendarDay(isoBytes: UnsafeBufferPointer(rebasing: b[0..<10])) else {
            return nil
        }
        var seconds = day.unixSeconds
        if b.count == 10 { return seconds }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "t"),
              b.count >= 16, b[13] == UInt8(ascii: ":"),
              let hour = CalendarDay.digits(b, 11, 2), let minute = CalendarDay.digits(b, 14, 2),
              hour <= 23, minute <= 59 else { return nil }
        var index = 16
        var second = 0
        if index < b.count && b[index] == UInt8(ascii: ":") {
            guard index + 3 <= b.count, let s = CalendarDay.digits(b, index + 1, 2), s <= 60 else { return nil }
            second = s
            index += 3
            if index < b.count && (b[index] == UInt8(ascii: ".") || b[index] == UInt8(ascii: ",")) {
                index += 1
                let fractionStart = index
                while index < b.count && b[index] >= 48 && b[index] <= 57 { index += 1 }
                guard index > fractionStart else { return nil }   // fractions are dropped: days are what count
            }
        }
        seconds += Int64(hour * 3600 + minute * 60 + second)
        if index == b.count { return seconds }
        let zone = b[index]
        if (zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z")) && index + 1 == b.count { return seconds }
        guard zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = zone == UInt8(ascii: "+") ? 1 : -1
        let rest = b.count - index - 1
        let offsetHour: Int
        var offsetMinute = 0
        switch rest {
        case 2:
            guard let h = CalendarDay.digits(b, index + 1, 2) else { return nil }
            offsetHour = h
        case 4:
            guard let h = CalendarDay.digits(b, index + 1, 2), let m = CalendarDay.digits(b, index + 3, 2) else { return nil }
            offsetHour = h; offsetMinute = m
        case 5:
            guard b[index + 3] == UInt8(ascii: ":"), let h = CalendarDay.digits(b, index + 1, 2),
                  let m = CalendarDay.digits(b, index + 4, 2) else { return nil }
            offsetHour = h; offsetMinute = m
        default:
            return nil
        }
        guard offsetHour <= 18, offsetMinute <= 59 else { return nil }
        // Local time minus its offset is UTC.
        return seconds - sign * Int64(offsetHour * 3600 + offsetMinute * 60)
    }

    /// The UTC day of a timestamp, or nil when the text is not a timestamp.
    package static func day(_ raw: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        unixSeconds(raw).map(CalendarDay.init(unixSeconds:))
    }
}
