import Foundation

/// A calendar date in UTC, stored as whole days since 1970-01-01.
///
/// Every date comparison in healthscore happens on this type: "as of T" means
/// "on or before the UTC day T", so an event's instant is first reduced to its
/// UTC day. Days are plain integers, which keeps windows ("the last 30 days")
/// exact and cheap on the hot path.
package struct CalendarDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, BitwiseCopyable {
    /// Days since 1970-01-01 (negative before it).
    package var daysSinceEpoch: Int32

    package init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

    /// The day containing a Unix instant (seconds since 1970-01-01T00:00:00Z).
    package init(unixSeconds: Int64) {
        // Floor division: an instant one second before the epoch belongs to 1969-12-31.
        let days = unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds / 86_400) - (unixSeconds % 86_400 == 0 ? 0 : 1)
        self.daysSinceEpoch = Int32(clamping: min(max(days, Int64(CalendarDay.earliest.daysSinceEpoch)),
                                                  Int64(CalendarDay.latest.daysSinceEpoch)))
    }

    /// A proleptic Gregorian date; nil when month or day are out of range.
    package init?(year: Int, month: Int, day: Int) {
        // Years far beyond the representable days are nil, not a trap (checked again below).
        guard (1...12).contains(month), day >= 1, year.magnitude <= 10_000_000,
              day <= CalendarDay.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil: exact for every Gregorian date.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        guard let days = Int32(exactly: era * 146_097 + dayOfEra - 719_468) else { return nil }
        self.daysSinceEpoch = days
    }

    /// Parses exactly `YYYY-MM-DD`; nil for anything else.
    package init?(_ text: String) {
        var bytes = Array(text.utf8)
        guard let day = bytes.withUnsafeMutableBufferPointer({ CalendarDay(isoBytes: UnsafeBufferPointer($0)) })
        else { return nil }
        self = day
    }

    /// Parses exactly ten bytes `YYYY-MM-DD`; nil for anything else.
    package init?(isoBytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = CalendarDay.digits(b, 0, 4),
              let month = CalendarDay.digits(b, 5, 2),
              let day = CalendarDay.digits(b, 8, 2) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// (year, month, day) of this date.
    package var civil: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = Int(daysSinceEpoch) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `YYYY-MM-DD`.
    package var description: String {
        let (y, m, d) = civil
        // Written digit by digit: every row of a score file carries a date.
        guard (0...9999).contains(y) else { return String(format: "%04d-%02d-%02d", y, m, d) }
        let digit = { (value: Int) in UInt8(ascii: "0") + UInt8(value % 10) }
        let bytes: [UInt8] = [digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), UInt8(ascii: "-"),
                              digit(m / 10), digit(m), UInt8(ascii: "-"), digit(d / 10), digit(d)]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Seconds since the epoch at 00:00:00Z of this day.
    package var unixSeconds: Int64 { Int64(daysSinceEpoch) * 86_400 }

    /// The day `days` later (earlier when negative). Saturates at the first and last
    /// representable day instead of trapping: option values are checked for a sane range
    /// by the command line, and this keeps any other path from crashing on a huge number.
    package func adding(days: Int) -> CalendarDay {
        let (sum, overflow) = Int(daysSinceEpoch).addingReportingOverflow(days)
        if overflow { return days > 0 ? .latest : .earliest }
        return CalendarDay(daysSinceEpoch: Int32(clamping: min(max(sum, Int(CalendarDay.earliest.daysSinceEpoch)),
                                                               Int(CalendarDay.latest.daysSinceEpoch))))
    }

    /// The first and last days a `CalendarDay` holds (about 5.9 million years either side
    /// of 1970): where `adding(days:)` and `adding(months:)` stop.
    package static let earliest = CalendarDay(daysSinceEpoch: -2_000_000_000)
    package static let latest = CalendarDay(daysSinceEpoch: 2_000_000_000)

    /// Whole days from `other` to `self` (positive when `self` is later).
    package func days(since other: CalendarDay) -> Int { Int(daysSinceEpoch) - Int(other.daysSinceEpoch) }

    package static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Codable as the ISO string, so model files and JSON exports read naturally.
    package init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = CalendarDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected a date YYYY-MM-DD, found '\(text)'"))
        }
        self = day
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for i in start..<(start + count) {
            let d = Int(b[i]) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            value = value * 10 + d
        }
        return value
    }
}
