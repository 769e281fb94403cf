/// When in the UTC day the people of an account do things.
///
/// Most activity falls in local working hours (a bell around 13:30 local time, two and a half
/// hours wide, clipped to 06:00-22:00); a sixth happens at any hour (late fixes, travel).
/// Local time is converted to UTC and wrapped into the same UTC day, so an event's instant
/// always lies on the day it was drawn for.
enum WorkingHours {
    static let anyHourShare = 0.15
    static let peakSecond = 13.5 * 3_600
    static let spreadSeconds = 2.5 * 3_600
    static let earliestSecond = 6.0 * 3_600
    static let latestSecond = 22.0 * 3_600

    /// Second of the UTC day, 0..<86_400.
    @inline(__always)
    static func secondOfDay(utcOffsetSeconds: Int, random: inout RandomSource) -> Int {
        if random.bernoulli(anyHourShare) { return random.integer(below: 86_400) }
        var local: Double
        repeat {
            local = peakSecond + spreadSeconds * random.normal()
        } while local < earliestSecond || local >= latestSecond
        let utc = Int(local) - utcOffsetSeconds
        return ((utc % 86_400) + 86_400) % 86_400
    }

    /// Monday to Friday (1970-01-01, day 0, was a Thursday).
    @inline(__always)
    static func isWeekday(daysSinceEpoch: Int32) -> Bool {
        let weekday = ((Int(daysSinceEpoch) + 4) % 7 + 7) % 7 // 0 = Sunday
        return weekday != 0 && weekday != 6
    }
}
