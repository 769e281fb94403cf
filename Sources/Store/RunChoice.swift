import Ingest

/// Which two runs `changes` compares.
enum RunChoice {
    /// `runs` oldest first. No days: the latest and the one before. Days: the latest run
    /// on or before each (the later day defaults to the latest run, the earlier to the run
    /// before the later one).
    static func pick(from: CalendarDay?, to: CalendarDay?, among runs: [RunSummary]) throws(StoreError) -> (RunSummary, RunSummary) {
        guard runs.count >= 2 else { throw .notEnoughRuns(found: runs.count, needed: 2) }
        func latest(onOrBefore day: CalendarDay) throws(StoreError) -> Int {
            guard let index = runs.lastIndex(where: { $0.asOf <= day }) else { throw .noRunOnOrBefore(day) }
            return index
        }
        let newIndex = try to.map { day throws(StoreError) in try latest(onOrBefore: day) } ?? runs.count - 1
        let oldIndex: Int
        if let from {
            oldIndex = try latest(onOrBefore: from)
        } else {
            guard newIndex > 0 else { throw .notEnoughRuns(found: 1, needed: 2) }
            oldIndex = newIndex - 1
        }
        guard oldIndex != newIndex else { throw .sameRun(asOf: runs[newIndex].asOf) }
        return (runs[oldIndex], runs[newIndex])
    }
}
