import Features
import Scoring

/// One account of a `PendingRun` made ready to write: its reasons in words and its
/// feature values packed, in buffers reused from row to row.
struct PendingAccount {
    private(set) var position = 0
    private(set) var reasons: [UInt8] = []
    private(set) var features: [UInt8] = []
    private(set) var contributions = FamilyContributions()
    private var values: [Double] = []

    init() {
        reasons.reserveCapacity(512)
        features.reserveCapacity(8 * StoreSchema.featureNames.count)
    }

    /// Loads the account at `rank` in the run's write order.
    mutating func load(_ run: PendingRun, rank: Int) {
        position = run.order[rank]
        let signals = run.scored.snapshot.signals[position]
        reasons.removeAll(keepingCapacity: true)
        run.scored.appendReasons(at: position, separator: StoreSchema.reasonSeparator, to: &reasons)
        values.removeAll(keepingCapacity: true)
        for feature in FeatureCatalog.all { values.append(feature.value(signals) ?? .nan) }
        FeatureValues.pack(values, into: &features)
        // From the values just computed: the same numbers as from the signals, computed once.
        let values = values
        contributions = run.scorer.contributions { values[run.modelFeaturePositions[$0]] }
    }
}
