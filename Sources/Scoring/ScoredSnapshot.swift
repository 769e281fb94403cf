import Features
import Ingest

/// The accounts of a snapshot with their scores, kept as numbers until they are needed
/// in words.
///
/// A score is 24 bytes: probability, health score, tier and the families behind the
/// reasons. Names and reasons become text only for the rows that are read (`row(at:)`)
/// or written (`ScoreFile`, straight into its output): holding a million rows of text
/// took 300 MB more memory and most of the time of scoring a million accounts.
package struct ScoredSnapshot: Sendable {
    package let snapshot: Snapshot
    package let accounts: AccountTable
    /// Parallel to the snapshot's accounts.
    package let scores: [AccountScore]
    package let horizonDays: Int
    let reasonText: ReasonText

    package var count: Int { scores.count }
    package var asOf: CalendarDay { snapshot.asOf }

    /// The account at `index`, in the snapshot's order.
    package func account(at index: Int) -> Account { accounts.accounts[Int(snapshot.accountPositions[index])] }

    /// Churn probability x MRR: the monthly revenue the account puts at risk.
    package func revenueAtRisk(at index: Int) -> Double { scores[index].revenueAtRisk(mrr: account(at: index).mrr) }

    /// The account's reasons in words, strongest first.
    package func reasons(at index: Int) -> [String] {
        scores[index].reasons.map { reasonText.describe($0, snapshot.signals[index]) }
    }

    /// Appends the account's reasons in words, joined by `separator`, as UTF-8.
    package func appendReasons(at index: Int, separator: String, to bytes: inout [UInt8]) {
        for (rank, family) in scores[index].reasons.enumerated() {
            if rank > 0 { bytes.append(contentsOf: separator.utf8) }
            bytes.append(contentsOf: reasonText.describe(family, snapshot.signals[index]).utf8)
        }
    }

    /// The account at `index` as a full row, names and reasons in words.
    package func row(at index: Int) -> ScoreRow {
        ScoreRow(account: account(at: index), score: scores[index], reasons: reasons(at: index),
                 asOf: asOf, horizonDays: horizonDays)
    }

    /// Every account as a full row, in the snapshot's order.
    package var rows: [ScoreRow] { (0..<count).map(row(at:)) }
}
