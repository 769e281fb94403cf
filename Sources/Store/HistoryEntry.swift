import Ingest
import Scoring

/// One account in one run: what `history` lists.
package struct HistoryEntry: Sendable, Equatable, Encodable {
    package var runID: Int64
    package var asOf: CalendarDay
    package var churnProbability: Double
    package var healthScore: Int
    package var tier: Tier
    /// Strongest first, in words.
    package var reasons: [String]
    package var mrr: Double?
    package var revenueAtRisk: Double
    package var modelFingerprint: String

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", asOf = "as_of", churnProbability = "churn_probability", healthScore = "health_score"
        case tier, reasons, mrr, revenueAtRisk = "revenue_at_risk", modelFingerprint = "model_fingerprint"
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(churnProbability, forKey: .churnProbability)
        try container.encode(healthScore, forKey: .healthScore)
        try container.encode(tier, forKey: .tier)
        try container.encode(reasons, forKey: .reasons)
        // An unknown MRR is written as null, not left out: scripts read a fixed shape.
        try container.encode(mrr, forKey: .mrr)
        try container.encode(revenueAtRisk, forKey: .revenueAtRisk)
        try container.encode(modelFingerprint, forKey: .modelFingerprint)
    }
}
