import Features
import Foundation
import Ingest
import Modeling
import Scoring

/// A run about to be written: its header, and its accounts in the order they are
/// written (by account id, byte by byte, which is the order of the store's primary key:
/// rows then land at the end of the index instead of all over it).
struct PendingRun: Sendable {
    let scored: ScoredSnapshot
    /// The model behind the scores, for the per-family contributions.
    let scorer: Scorer
    let model: ModelRecord
    let thresholds: TierThresholds
    let createdAt: String
    /// Positions in `scored`, by account id.
    let order: [Int]
    /// For each of the model's features, its position among `StoreSchema.featureNames`.
    let modelFeaturePositions: [Int]

    var asOf: CalendarDay { scored.asOf }
    var count: Int { order.count }

    init(scored: ScoredSnapshot, model: ChurnModel, modelFileBytes: Data, thresholds: TierThresholds,
         createdAt: Date) throws(StoreError) {
        guard scored.horizonDays == model.horizonDays else {
            throw .mismatch("the scores are over \(scored.horizonDays) days, the model's horizon is \(model.horizonDays)")
        }
        guard let json = String(data: modelFileBytes, encoding: .utf8) else {
            throw .mismatch("the model file is not UTF-8 text")
        }
        do {
            scorer = try Scorer(model: model, thresholds: thresholds)
        } catch {
            throw .unusableModel(fingerprint: ModelFingerprint.of(modelFileBytes), reason: error.description)
        }
        self.scored = scored
        self.thresholds = thresholds
        self.createdAt = StoreTimestamp.text(createdAt)
        self.model = ModelRecord(fingerprint: ModelFingerprint.of(modelFileBytes), modelJson: json,
                                 horizonDays: model.horizonDays, asOf: model.asOf.description, createdAt: self.createdAt)
        order = PendingRun.byAccountID(scored)
        // Scorer's init has checked that the catalogue has every feature of the model.
        modelFeaturePositions = scorer.featureNames.map { StoreSchema.featureNames.firstIndex(of: $0)! }
    }

    /// The header row; `id` is set by the store.
    var runRecord: RunRecord {
        RunRecord(id: nil, asOf: asOf.description, createdAt: createdAt, modelFingerprint: model.fingerprint,
                  atRiskBelow: thresholds.atRiskBelow, watchBelow: thresholds.watchBelow, accountCount: count,
                  featureNames: RunRecord.encodeNames(StoreSchema.featureNames))
    }

    /// Positions sorted by account id bytes; exports are usually sorted already, so that
    /// is checked first.
    private static func byAccountID(_ scored: ScoredSnapshot) -> [Int] {
        let ids = (0..<scored.count).map { scored.account(at: $0).id }
        func before(_ a: Int, _ b: Int) -> Bool { ids[a].utf8.lexicographicallyPrecedes(ids[b].utf8) }
        var order = Array(0..<scored.count)
        if zip(order, order.dropFirst()).allSatisfy({ before($0, $1) }) { return order }
        order.sort(by: before)
        return order
    }
}
