extension DatasetFolder {
    /// The latest date anywhere in the dataset: account starts and churns and every
    /// event. Scoring uses it as "today" when no --as-of is given. Costs one extra pass
    /// over the event files, which also checks them.
    public func latestDay() throws(InputError) -> CalendarDay? {
        var latest = accounts.latestDay
        func see(_ day: CalendarDay) { if latest.map({ day > $0 }) ?? true { latest = day } }
        _ = try readSessions { see($0.day) }
        _ = try readNPS { see($0.day) }
        _ = try readMarketing { see($0.day) }
        _ = try readInteractions { see($0.day) }
        return latest
    }
}
