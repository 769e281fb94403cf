extension DatasetFolder {
    /// The latest date anywhere in the dataset: account starts and churns and every
    /// event. Scoring uses it as "today" when no scoring day is given. Costs one extra pass
    /// over the event files, which also checks them; each file is read on all cores, every
    /// part keeping its own latest day.
    package func latestDay() throws(InputError) -> CalendarDay? {
        var days: [Int32] = accounts.latestDay.map { [$0.daysSinceEpoch] } ?? []
        func latest<Event: AccountEvent>(_ event: Event.Type) throws(InputError) -> [Int32] {
            try read(event, into: { Int32?.none }) { latest, events in
                for event in events { latest = max(latest ?? .min, event.day.daysSinceEpoch) }
            }?.parts.compactMap { $0 } ?? []
        }
        days += try latest(SessionEvent.self)
        days += try latest(NPSResponse.self)
        days += try latest(MarketingEvent.self)
        days += try latest(InteractionRating.self)
        return days.max().map(CalendarDay.init(daysSinceEpoch:))
    }
}
