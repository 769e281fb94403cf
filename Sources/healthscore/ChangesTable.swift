import Foundation
import Store

/// The changes between two runs as a table for the terminal: one line per account, with
/// the two terms that moved its log-odds the most.
enum ChangesTable {
    static func render(_ accounts: ArraySlice<AccountChange>) -> String {
        var lines = ["change  account       name                  tier                 health     revenue at risk  largest terms (log-odds)"]
        for account in accounts {
            let tiers = "\(account.tierFrom?.rawValue ?? "-") -> \(account.tierTo?.rawValue ?? "-")"
            let health = "\(account.healthScoreFrom.map(String.init) ?? "-") -> \(account.healthScoreTo.map(String.init) ?? "-")"
            let revenue = String(format: "%+.2f", account.revenueAtRiskChange)
            lines.append([pad(account.change.rawValue, 6), pad(account.accountID, 12), pad(String(account.name.prefix(20)), 20),
                          pad(tiers, 19), pad(health, 9), pad(revenue, 15), largestTerms(account.terms)].joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }

    /// "session_frequency +0.82, nps +0.31"; "-" without terms.
    static func largestTerms(_ terms: ChangeTerms?) -> String {
        guard let terms else { return "-" }
        let named = zip(ChangeTerms.names, terms.families + [terms.model])
        return named.sorted { abs($0.1) > abs($1.1) }.prefix(2).filter { $0.1 != 0 }
            .map { "\($0.0) \(String(format: "%+.2f", $0.1))" }.joined(separator: ", ")
    }
}
