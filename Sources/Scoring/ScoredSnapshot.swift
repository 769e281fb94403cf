import Features
import Ingest
import Survival

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
    /// With a survival model, each account's survival figures (parallel to `scores`) and the
    /// terms of its lifetime value; nil for a churn model.
    package let lifetimes: [LifetimeFigures]?
    package let lifetimeTerms: LifetimeTerms?

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

    /// MRR x margin x discounted expected months: the account's lifetime value; nil for a
    /// churn model or an unknown MRR.
    package func lifetimeValue(at index: Int) -> Double? {
        guard let lifetimes, let lifetimeTerms else { return nil }
        return lifetimeTerms.lifetimeValue(mrr: account(at: index).mrr, lifetimes[index])
    }

    /// The columns a survival model adds to the account's row; nil for a churn model.
    package func lifetimeColumns(at index: Int) -> LifetimeColumns? {
        guard let lifetimes, let lifetimeTerms else { return nil }
        return LifetimeColumns(lifetimes[index], terms: lifetimeTerms, mrr: account(at: index).mrr)
    }

    /// The account at `index` as a full row, names and reasons in words.
    package func row(at index: Int) -> ScoreRow {
        var row = ScoreRow(account: account(at: index), score: scores[index], reasons: reasons(at: index),
                           asOf: asOf, horizonDays: horizonDays)
        row.lifetime = lifetimeColumns(at: index)
        return row
    }

    /// Every account as a full row, in the snapshot's order.
    package var rows: [ScoreRow] { (0..<count).map(row(at:)) }
}
