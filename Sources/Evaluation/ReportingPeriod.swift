import Ingest

/// The days a portfolio metric covers, first and last included.
package struct ReportingPeriod: Sendable, Equatable, Encodable {
    package let first: CalendarDay
    package let last: CalendarDay

    package init?(first: CalendarDay, last: CalendarDay) {
        guard first <= last else { return nil }
        self.first = first
        self.last = last
    }

    package var days: Int { last.days(since: first) + 1 }
    /// Average Gregorian month: 365.25 / 12 days.
    package static let daysPerMonth = 30.4375
    package var months: Double { Double(days) / ReportingPeriod.daysPerMonth }

    /// The latest whole calendar quarter that ends on or before `day`: quarters are how
    /// boards and customer-success reviews compare retention. When `day` is itself a
    /// quarter's last day, that quarter.
    package static func lastFullQuarter(endingOnOrBefore day: CalendarDay) -> ReportingPeriod {
        let nextQuarterStart = day.adding(days: 1).quarterStart
        let last = nextQuarterStart.adding(days: -1)
        return ReportingPeriod(first: last.quarterStart, last: last)!
    }

    /// "2026 Q3 (2026-07-01 to 2026-09-30)" for a calendar quarter, else "2026-07-15 to 2026-09-30".
    package var description: String {
        let range = "\(first) to \(last)"
        if first == first.quarterStart, last.adding(days: 1) == last.adding(days: 1).quarterStart,
           last.adding(days: 1).adding(months: -3) == first {
            return "\(first.quarterName) (\(range))"
        }
        return range
    }
}
