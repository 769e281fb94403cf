import Scoring

/// A block of a run's accounts made ready to write, in the run's write order: reasons in
/// words, packed feature values and contributions, each kind of buffer laid end to end.
///
/// Making a row ready (its reasons in words above all) costs about what SQLite's insert of
/// it costs, so a writer prepares the next block on the other core while it inserts this
/// one (`SQLiteRunWriter`).
struct PreparedRows: Sendable {
    /// The block's ranks in `PendingRun.order`.
    let ranks: Range<Int>
    /// Per row: its account's position in the scored snapshot.
    private(set) var positions: [Int] = []
    private(set) var contributions: [FamilyContributions] = []
    private var reasonBytes: [UInt8] = []
    private var reasonEnds: [Int] = []
    private var featureBytes: [UInt8] = []
    private var featureEnds: [Int] = []

    init(_ run: PendingRun, ranks: Range<Int>) {
        self.ranks = ranks
        positions.reserveCapacity(ranks.count)
        contributions.reserveCapacity(ranks.count)
        reasonEnds.reserveCapacity(ranks.count)
        featureEnds.reserveCapacity(ranks.count)
        var account = PendingAccount()
        for rank in ranks {
            account.load(run, rank: rank)
            positions.append(account.position)
            contributions.append(account.contributions)
            reasonBytes += account.reasons
            reasonEnds.append(reasonBytes.count)
            featureBytes += account.features
            featureEnds.append(featureBytes.count)
        }
    }

    var count: Int { positions.count }

    /// Row `row`'s reasons, joined by `StoreSchema.reasonSeparator`, as UTF-8.
    func withReasons<T>(_ row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Self.slice(reasonBytes, ends: reasonEnds, row, body)
    }

    /// Row `row`'s feature values as `FeatureValues.pack` wrote them.
    func withFeatures<T>(_ row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Self.slice(featureBytes, ends: featureEnds, row, body)
    }

    private static func slice<T>(_ bytes: [UInt8], ends: [Int], _ row: Int,
                                 _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let start = row == 0 ? 0 : ends[row - 1]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<ends[row]])) }
    }
}
