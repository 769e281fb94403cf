import Ingest
import Scoring

/// Rows as both kinds of store read them, turned into the store's package values.
enum StoreRows {
    static func summary(_ run: RunRecord, horizonDays: Int, modelAsOf: String) throws(StoreError) -> RunSummary {
        guard let id = run.id, let asOf = CalendarDay(run.asOf), let modelDay = CalendarDay(modelAsOf) else {
            throw .unreadableRun(id: run.id ?? 0, day: run.asOf)
        }
        return RunSummary(id: id, asOf: asOf, createdAt: run.createdAt, modelFingerprint: run.modelFingerprint,
                          modelAsOf: modelDay, horizonDays: horizonDays,
                          thresholds: TierThresholds(atRiskBelow: run.atRiskBelow, watchBelow: run.watchBelow),
                          accountCount: run.accountCount, featureNames: RunRecord.decodeNames(run.featureNames))
    }

    static func historyEntry(_ row: RunAccountRecord, run: RunSummary) -> HistoryEntry {
        HistoryEntry(runID: run.id, asOf: run.asOf, churnProbability: row.churnProbability, healthScore: row.healthScore,
                     tier: tier(row.tier), reasons: reasons(row.reasons), mrr: row.mrr, revenueAtRisk: row.revenueAtRisk,
                     modelFingerprint: run.modelFingerprint)
    }

    static func reasons(_ text: String) -> [String] {
        text.isEmpty ? [] : text.components(separatedBy: StoreSchema.reasonSeparator)
    }

    /// The tier a row names; a name this program does not know reads as the worst.
    static func tier(_ text: String) -> Tier { Tier(rawValue: text) ?? .atRisk }
}
