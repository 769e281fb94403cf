/// What `ScoreStore.record` did: the run as stored, and whether it replaced an earlier
/// run of the same day and model.
public struct RecordedRun: Sendable, Equatable {
    public var run: RunSummary
    /// The id of the run this one replaced; nil when the run is new.
    public var replacedRunID: Int64?

    public var replaced: Bool { replacedRunID != nil }
}
