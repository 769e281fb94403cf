/// Month-end dates: backtests and reporting periods step by calendar months and quarters,
/// as finance and customer-success reviews do, rather than by fixed day counts.
extension CalendarDay {
    package var isMonthEnd: Bool {
        let (year, month, day) = civil
        return day == CalendarDay.daysIn(month: month, year: year)
    }

    /// The last day of the latest month that ends on or before this day (this day itself
    /// when it is a month end).
    package var monthEndOnOrBefore: CalendarDay {
        if isMonthEnd { return self }
        let (year, month, _) = civil
        return CalendarDay(year: year, month: month, day: 1)!.adding(days: -1)
    }

    /// The same day `months` calendar months later (earlier when negative). A month end
    /// stays a month end (2026-03-31 minus one month is 2026-02-28); another day is
    /// clamped to the length of the target month.
    /// Saturates at `earliest` and `latest` rather than trapping on a huge `months`.
    package func adding(months: Int) -> CalendarDay {
        let (year, month, day) = civil
        // Beyond +-4 million years (48 million months) the result is past the representable days.
        guard months.magnitude <= 48_000_000 else { return months > 0 ? .latest : .earliest }
        let index = year * 12 + (month - 1) + months
        let targetYear = index >= 0 ? index / 12 : (index - 11) / 12
        let targetMonth = index - targetYear * 12 + 1
        let length = CalendarDay.daysIn(month: targetMonth, year: targetYear)
        guard let result = CalendarDay(year: targetYear, month: targetMonth, day: isMonthEnd ? length : min(day, length))
        else { return months > 0 ? .latest : .earliest }
        return min(max(result, .earliest), .latest)
    }

    /// The first day of this day's calendar quarter.
    package var quarterStart: CalendarDay {
        let (year, month, _) = civil
        return CalendarDay(year: year, month: (month - 1) / 3 * 3 + 1, day: 1)!
    }

    /// "2026 Q3".
    package var quarterName: String {
        let (year, month, _) = civil
        return "\(year) Q\((month - 1) / 3 + 1)"
    }
}
