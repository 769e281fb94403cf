import Scoring

/// A block of a run's accounts made ready to write, in the run's write order: every
/// column's value computed, the texts and the packed feature values laid end to end in
/// one byte buffer.
///
/// Making a row ready (its reasons in words above all) costs about what SQLite's insert of
/// it costs, so a writer prepares the next block on the other core while it inserts this
/// one (`SQLiteRunWriter`), and binds the texts in place rather than copying them.
struct PreparedRows: Sendable {
    /// The byte fields of a row, in this order.
    enum Field: Int {
        case accountID, name, owner, segment, tier, reasons, featureValues
        static let count = 7
    }

    /// The block's ranks in `PendingRun.order`.
    let ranks: Range<Int>
    private(set) var mrr: [Double?] = []
    private(set) var churnProbability: [Double] = []
    private(set) var healthScore: [Int64] = []
    private(set) var revenueAtRisk: [Double] = []
    private(set) var contributions: [FamilyContributions] = []
    private var bytes: [UInt8] = []
    /// Per row, where each of its fields ends in `bytes`.
    private var ends: [Int] = []

    init(_ run: PendingRun, ranks: Range<Int>) {
        self.ranks = ranks
        ends.reserveCapacity(ranks.count * Field.count)
        bytes.reserveCapacity(ranks.count * 320)
        var account = PendingAccount()
        for rank in ranks {
            account.load(run, rank: rank)
            let info = run.scored.account(at: account.position)
            let score = run.scored.scores[account.position]
            mrr.append(info.mrr)
            churnProbability.append(score.churnProbability)
            healthScore.append(Int64(score.healthScore))
            revenueAtRisk.append(score.revenueAtRisk(mrr: info.mrr))
            contributions.append(account.contributions)
            // Field by field, in `Field` order, without an array of them per row.
            append(info.id.utf8)
            append(info.name.utf8)
            append(info.owner.utf8)
            append(info.segment.utf8)
            append(score.tier.rawValue.utf8)
            append(account.reasons)
            append(account.features)
        }
    }

    /// Adds one field's bytes and marks where it ends.
    private mutating func append(_ field: some Sequence<UInt8>) {
        bytes += field
        ends.append(bytes.count)
    }

    var count: Int { mrr.count }

    /// Calls `body` with the block's fields in place: `field(row, .name)` is valid inside
    /// `body` only.
    func withFields<T>(_ body: (_ field: (Int, Field) -> UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { buffer in
            try body { row, field in
                let index = row * Field.count + field.rawValue
                let start = index == 0 ? 0 : ends[index - 1]
                return UnsafeBufferPointer(rebasing: buffer[start..<ends[index]])
            }
        }
    }
}
