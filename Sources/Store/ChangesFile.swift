import Exports
import Foundation

/// `changes --out FILE`: the report as CSV (spreadsheet-safe, terms as `term_<family>`)
/// or JSON, by the file's extension, written atomically.
package enum ChangesFile {
    package static let columns = [
        "account_id", "name", "change", "churn_probability_from", "churn_probability_to", "health_score_from",
        "health_score_to", "tier_from", "tier_to", "revenue_at_risk_change", "log_odds_change",
    ] + ChangeTerms.names.map { "term_" + $0 }

    package static func write(_ report: ChangeReport, to path: String) throws(OutputError) {
        switch try ScoreFile.format(of: path) {
        case .json: try AtomicFile.write(Array(report.json()), to: path)
        case .csv: try AtomicFile.write(csv(report), to: path)
        }
    }

    /// Empty cells where a side is missing (an account new or gone has no terms).
    static func csv(_ report: ChangeReport) -> [UInt8] {
        var line = CSVLine()
        for name in columns { line.text(name) }
        line.endRow()
        for account in report.accounts {
            line.text(account.accountID)
            line.text(account.name)
            line.text(account.change.rawValue)
            line.number(account.churnProbabilityFrom, decimals: 6)
            line.number(account.churnProbabilityTo, decimals: 6)
            line.number(account.healthScoreFrom.map(Double.init), decimals: 0)
            line.number(account.healthScoreTo.map(Double.init), decimals: 0)
            line.text(account.tierFrom?.rawValue ?? "")
            line.text(account.tierTo?.rawValue ?? "")
            line.number(account.revenueAtRiskChange, decimals: 2)
            line.number(account.terms?.total, decimals: 6)
            for term in account.terms.map({ $0.families + [$0.model] }) ?? Array(repeating: .nan, count: ChangeTerms.names.count) {
                line.number(term, decimals: 6)
            }
            line.endRow()
        }
        return line.take()
    }
}
