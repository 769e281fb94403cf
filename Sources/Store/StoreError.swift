import Ingest

/// Why the score store could not do what was asked, with the data to say so in one line.
package enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a store URL (`text` has its password hidden).
    case badURL(text: String, problem: String)
    /// Reading was asked of a store that does not exist yet.
    case notFound(store: String)
    /// The store's schema has migrations this program does not know: a newer healthscore wrote it.
    case newerSchema(store: String, unknownMigrations: [String])
    /// The file or database is not a score store (another program's tables are there).
    case notAStore(store: String, reason: String)
    /// The server could not be reached or refused the login.
    case cannotConnect(store: String, reason: String)
    /// Another writer held the store for longer than the wait allows.
    case busy(store: String, waitedSeconds: Int)
    /// The database reported an error.
    case database(store: String, reason: String)
    /// The store holds fewer runs than the question needs.
    case notEnoughRuns(found: Int, needed: Int)
    /// No run on or before that day.
    case noRunOnOrBefore(CalendarDay)
    /// Both days picked the same run, so there is nothing to compare.
    case sameRun(asOf: CalendarDay)
    /// A stored model can no longer be read, or a run lacks a feature its comparison needs.
    case unusableModel(fingerprint: String, reason: String)
    /// No run has this id.
    case noSuchRun(id: Int64)
    /// The store holds no run yet.
    case noRuns
    /// The scores do not come from the model given with them.
    case mismatch(String)
    /// A run's day is not a date: the store was changed by hand.
    case unreadableRun(id: Int64, day: String)

    package var description: String {
        switch self {
        case .badURL(let text, let problem):
            "'\(text)': \(problem)"
        case .notFound(let store):
            "\(store): no score store there yet; runs are recorded by scoring with a store"
        case .newerSchema(let store, let names):
            "\(store): this store was written by a newer healthscore (migration \(names.joined(separator: ", "))); upgrade healthscore"
        case .notAStore(let store, let reason):
            "\(store): not a healthscore score store (\(reason))"
        case .cannotConnect(let store, let reason):
            "\(store): cannot connect (\(reason))"
        case .busy(let store, let seconds):
            "\(store): another healthscore has been writing to this store for \(seconds) s; try again when it has finished"
        case .database(let store, let reason):
            "\(store): \(reason)"
        case .notEnoughRuns(let found, let needed):
            "the store holds \(found) run\(found == 1 ? "" : "s"); comparing needs \(needed)"
        case .noRunOnOrBefore(let day):
            "the store has no run on or before \(day)"
        case .sameRun(let day):
            "both days pick the same run (as of \(day)); choose days that fall on different runs"
        case .unusableModel(let fingerprint, let reason):
            "model \(fingerprint.prefix(12)): \(reason)"
        case .noSuchRun(let id):
            "the store has no run \(id)"
        case .noRuns:
            "the store holds no run yet; runs are recorded by scoring with a store"
        case .mismatch(let problem):
            "cannot record this run: \(problem)"
        case .unreadableRun(let id, let day):
            "run \(id) has '\(day)' for its day, not a date YYYY-MM-DD; was the store changed by hand?"
        }
    }
}
