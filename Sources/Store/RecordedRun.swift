/// What `ScoreStore.record` did: the run as stored, and whether it replaced an earlier
/// run of the same day and model.
package struct RecordedRun: Sendable, Equatable {
    package var run: RunSummary
    /// The id of the run this one replaced; nil when the run is new.
    package var replacedRunID: Int64?

    package var replaced: Bool { replacedRunID != nil }
}
