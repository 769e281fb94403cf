extension DatasetFolder {
    /// The latest date anywhere in the dataset: account starts and churns and every
    /// event. Scoring uses it as "today" when no --as-of is given. Costs one extra pass
    /// over the event files, which also checks them; each file is read on all cores, every
    /// part keeping its own latest day.
    package func latestDay() throws(InputError) -> CalendarDay? {
        var days: [Int32] = accounts.latestDay.map { [$0.daysSinceEpoch] } ?? []
        func none() -> Int32? { nil }
        days += try readSessions(into: none) { latest, events in
            for event in events { latest = max(latest ?? .min, event.day.daysSinceEpoch) }
        }?.parts.compactMap { $0 } ?? []
        days += try readNPS(into: none) { latest, events in
            for event in events { latest = max(latest ?? .min, event.day.daysSinceEpoch) }
        }?.parts.compactMap { $0 } ?? []
        days += try readMarketing(into: none) { latest, events in
            for event in events { latest = max(latest ?? .min, event.day.daysSinceEpoch) }
        }?.parts.compactMap { $0 } ?? []
        days += try readInteractions(into: none) { latest, events in
            for event in events { latest = max(latest ?? .min, event.day.daysSinceEpoch) }
        }?.parts.compactMap { $0 } ?? []
        return days.max().map(CalendarDay.init(daysSinceEpoch:))
    }
}
