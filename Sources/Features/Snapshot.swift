import Ingest

/// The customer base as of one day T: the accounts that are customers on T and what
/// their events on or before T add up to. Nothing dated after T reaches it.
package struct Snapshot: Sendable {
    package let asOf: CalendarDay
    /// Positions in the dataset's `AccountTable` of the accounts live on T, in file order.
    package let accountPositions: [Int32]
    /// Signals of each live account, parallel to `accountPositions`.
    package let signals: [AccountSignals]
    /// What each event file held besides usable events (skipped rows).
    package let reports: [EventFileReport]
    /// Event files the dataset does not have: their signals are missing for everyone.
    package let missingFiles: [EventFile]

    package init(asOf: CalendarDay, accountPositions: [Int32], signals: [AccountSignals],
                reports: [EventFileReport], missingFiles: [EventFile]) {
        precondition(accountPositions.count == signals.count, "one signal record per account")
        self.asOf = asOf
        self.accountPositions = accountPositions
        self.signals = signals
        self.reports = reports
        self.missingFiles = missingFiles
    }

    package var count: Int { accountPositions.count }

    /// Reads the dataset's event files once and aggregates them as of `asOf`
    /// (see `SnapshotBuilder`).
    package static func build(_ dataset: some EventSource, asOf: CalendarDay) throws(InputError) -> Snapshot {
        var builder = SnapshotBuilder(dataset, asOf: asOf)
        for file in EventFile.allCases { try builder.read(file) }
        return builder.finish()
    }
}
