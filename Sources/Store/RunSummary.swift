import Ingest
import Scoring

/// One recorded run: the day scored, when, with which model and thresholds, and how many accounts.
package struct RunSummary: Sendable, Equatable {
    package var id: Int64
    package var asOf: CalendarDay
    /// ISO 8601 UTC, e.g. `2026-05-04T06:00:00.000Z`.
    package var createdAt: String
    /// SHA-256 of the model file, in hex.
    package var modelFingerprint: String
    /// The model's training day and horizon.
    package var modelAsOf: CalendarDay
    package var horizonDays: Int
    package var thresholds: TierThresholds
    package var accountCount: Int
    /// The features kept per account in this run, in the order of their stored values.
    package var featureNames: [String]

    package init(id: Int64, asOf: CalendarDay, createdAt: String, modelFingerprint: String, modelAsOf: CalendarDay,
                 horizonDays: Int, thresholds: TierThresholds, accountCount: Int, featureNames: [String]) {
        self.id = id; self.asOf = asOf; self.createdAt = createdAt; self.modelFingerprint = modelFingerprint
        self.modelAsOf = modelAsOf; self.horizonDays = horizonDays; self.thresholds = thresholds
        self.accountCount = accountCount; self.featureNames = featureNames
    }

    /// Runs in the order they are compared: by day, then by when they were recorded.
    static func chronological(_ a: RunSummary, _ b: RunSummary) -> Bool {
        (a.asOf, a.createdAt, a.id) < (b.asOf, b.createdAt, b.id)
    }
}
