import Ingest
import Scoring
import Survival

/// One row of a score file as cells, in `ScoreFile.columns` order: made from a
/// `ScoreRow` (risk lists) or straight from a `ScoredSnapshot` (`score`), so both write
/// the same bytes.
struct ScoreCells {
    var rank: Int?
    var accountID: String
    var name: String
    var owner: String
    var segment: String
    var mrr: Double?
    var churnProbability: Double
    var healthScore: Int
    var tier: Tier
    var revenueAtRisk: Double
    var horizonDays: Int
    /// A survival model's columns; nil for a churn model's row.
    var lifetime: LifetimeColumns?
    /// Whether the file has the survival columns (empty cells for a row without them).
    var lifetimeColumns: Bool

    /// Appends the row's line to `block`. The reasons come as UTF-8 (joined by
    /// `ScoreFile.reasonSeparator`), the as-of day as text formatted once per block.
    func write(reasons: UnsafeBufferPointer<UInt8>, asOf: String, into block: ByteBlock) {
        let room = (rank == nil ? 0 : CSVCellWriter.roomForInteger)
            + CSVCellWriter.room(forText: accountID) + CSVCellWriter.room(forText: name)
            + CSVCellWriter.room(forText: owner) + CSVCellWriter.room(forText: segment)
            + CSVCellWriter.room(forNumber: mrr, decimals: 2) + CSVCellWriter.room(forNumber: churnProbability, decimals: 6)
            + CSVCellWriter.roomForInteger + CSVCellWriter.room(forText: tier.rawValue)
            + CSVCellWriter.room(forNumber: revenueAtRisk, decimals: 2) + CSVCellWriter.room(forTextOfLength: reasons.count)
            + CSVCellWriter.room(forText: asOf) + CSVCellWriter.roomForInteger + 1
            + (lifetimeColumns ? lifetimeRoom : 0)
        let start = block.end(withRoom: room)
        var cells = CSVCellWriter(at: start)
        if let rank { cells.integer(rank) }
        cells.text(accountID)
        cells.text(name)
        cells.text(owner)
        cells.text(segment)
        cells.number(mrr, decimals: 2)
        cells.number(churnProbability, decimals: 6)
        cells.integer(healthScore)
        cells.text(tier.rawValue)
        cells.number(revenueAtRisk, decimals: 2)
        cells.text(utf8: reasons)
        cells.text(asOf)
        cells.integer(horizonDays)
        if lifetimeColumns {
            cells.number(lifetime?.churnProbability30d, decimals: 6)
            cells.number(lifetime?.churnProbability90d, decimals: 6)
            cells.number(lifetime?.churnProbability180d, decimals: 6)
            cells.number(lifetime?.churnProbability365d, decimals: 6)
            cells.number(lifetime?.expectedLifetimeMonths, decimals: 2)
            cells.number(lifetime?.lifetimeValue, decimals: 2)
            cells.number(lifetime?.margin, decimals: 4)
            cells.number(lifetime?.discountRate, decimals: 4)
        }
        cells.endRow()
        block.count += cells.cursor - start
    }

    /// Room for the survival model's eight numbers.
    private var lifetimeRoom: Int {
        CSVCellWriter.room(forNumber: lifetime?.churnProbability30d, decimals: 6)
            + CSVCellWriter.room(forNumber: lifetime?.churnProbability90d, decimals: 6)
            + CSVCellWriter.room(forNumber: lifetime?.churnProbability180d, decimals: 6)
            + CSVCellWriter.room(forNumber: lifetime?.churnProbability365d, decimals: 6)
            + CSVCellWriter.room(forNumber: lifetime?.expectedLifetimeMonths, decimals: 2)
            + CSVCellWriter.room(forNumber: lifetime?.lifetimeValue, decimals: 2)
            + CSVCellWriter.room(forNumber: lifetime?.margin, decimals: 4)
            + CSVCellWriter.room(forNumber: lifetime?.discountRate, decimals: 4)
    }

    /// Writes `rows[range]`; `ranked` adds the 1-based rank.
    static func format(_ rows: [ScoreRow], _ range: Range<Int>, ranked: Bool, lifetimeColumns: Bool, into block: ByteBlock) {
        var reasons: [UInt8] = []
        var asOf = AsOfText()
        for index in range {
            let row = rows[index]
            reasons.removeAll(keepingCapacity: true)
            for (rank, reason) in row.reasons.enumerated() {
                if rank > 0 { reasons.append(contentsOf: ScoreFile.reasonSeparator.utf8) }
                reasons.append(contentsOf: reason.utf8)
            }
            let cells = ScoreCells(
                rank: ranked ? index + 1 : nil, accountID: row.accountID, name: row.name, owner: row.owner,
                segment: row.segment, mrr: row.mrr, churnProbability: row.churnProbability, healthScore: row.healthScore,
                tier: row.tier, revenueAtRisk: row.revenueAtRisk, horizonDays: row.horizonDays, lifetime: row.lifetime,
                lifetimeColumns: lifetimeColumns)
            reasons.withUnsafeBufferPointer { cells.write(reasons: $0, asOf: asOf.text(row.asOf), into: block) }
        }
    }

    /// Writes the accounts `range` of a scored snapshot, their reasons put in words here.
    static func format(_ scored: ScoredSnapshot, _ range: Range<Int>, into block: ByteBlock) {
        var reasons: [UInt8] = []
        reasons.reserveCapacity(1024)
        let asOf = scored.asOf.description
        // Accounts and scores are read in place rather than copied per row.
        scored.accounts.accounts.withUnsafeBufferPointer { accounts in
            scored.scores.withUnsafeBufferPointer { scores in
                for index in range {
                    let account = accounts.baseAddress! + Int(scored.snapshot.accountPositions[index])
                    let score = scores[index]
                    reasons.removeAll(keepingCapacity: true)
                    scored.appendReasons(at: index, separator: ScoreFile.reasonSeparator, to: &reasons)
                    let cells = ScoreCells(
                        rank: nil, accountID: account.pointee.id, name: account.pointee.name, owner: account.pointee.owner,
                        segment: account.pointee.segment, mrr: account.pointee.mrr, churnProbability: score.churnProbability,
                        healthScore: score.healthScore, tier: score.tier,
                        revenueAtRisk: score.revenueAtRisk(mrr: account.pointee.mrr), horizonDays: scored.horizonDays,
                        lifetime: scored.lifetimeColumns(at: index), lifetimeColumns: scored.lifetimes != nil)
                    reasons.withUnsafeBufferPointer { cells.write(reasons: $0, asOf: asOf, into: block) }
                }
            }
        }
    }
}

/// The as-of day as text, formatted again only when the day changes.
private struct AsOfText {
    private var day: CalendarDay?
    private var cached = ""

    mutating func text(_ day: CalendarDay) -> String {
        if day != self.day { self.day = day; cached = day.description }
        return cached
    }
}
