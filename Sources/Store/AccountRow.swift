import Scoring

/// One account of a run as the account list shows it: who, what it pays, its score and
/// the strongest reason.
package struct AccountRow: Sendable, Equatable {
    package var accountID: String
    package var name: String
    package var owner: String
    package var segment: String
    package var mrr: Double?
    package var churnProbability: Double
    package var healthScore: Int
    package var tier: Tier
    package var revenueAtRisk: Double
    /// The strongest reason, in words; nil when no signal stands out.
    package var topReason: String?

    package init(accountID: String, name: String, owner: String, segment: String, mrr: Double?, churnProbability: Double,
                 healthScore: Int, tier: Tier, revenueAtRisk: Double, topReason: String?) {
        self.accountID = accountID; self.name = name; self.owner = owner; self.segment = segment; self.mrr = mrr
        self.churnProbability = churnProbability; self.healthScore = healthScore; self.tier = tier
        self.revenueAtRisk = revenueAtRisk; self.topReason = topReason
    }
}

/// An account of a run next to where it stood in the run before.
package struct ListedAccount: Sendable, Equatable {
    package var row: AccountRow
    /// The account in the previous run; nil when it is new in this run (or there is no previous run).
    package var previousChurnProbability: Double?
    package var previousHealthScore: Int?

    /// Health points gained since the previous run (negative: worse).
    package var healthScoreChange: Int? { previousHealthScore.map { row.healthScore - $0 } }
}

/// The order of an account list.
package enum AccountSort: String, Sendable, CaseIterable {
    /// Highest churn probability first.
    case risk
    /// Most revenue at risk (churn probability times MRR) first.
    case revenue
    /// Largest fall in health score since the previous run first (ties: the larger rise
    /// in churn probability first); accounts new in the run last.
    case change
}

/// Which accounts of a run to list, in what order, and which page of them.
package struct AccountQuery: Sendable, Equatable {
    /// The run; nil for the latest.
    package var runID: Int64?
    package var tier: Tier?
    package var owner: String?
    package var segment: String?
    /// Part of the name or of the id, in any case.
    package var search: String?
    package var sort: AccountSort
    package var offset: Int
    package var limit: Int

    /// The largest page asked for at once.
    package static let maximumLimit = 200
    package static let defaultLimit = 50

    package init(runID: Int64? = nil, tier: Tier? = nil, owner: String? = nil, segment: String? = nil,
                 search: String? = nil, sort: AccountSort = .risk, offset: Int = 0, limit: Int = AccountQuery.defaultLimit) {
        self.runID = runID; self.tier = tier; self.owner = owner; self.segment = segment; self.search = search
        self.sort = sort; self.offset = max(0, offset); self.limit = min(max(1, limit), AccountQuery.maximumLimit)
    }
}

/// One page of an account list.
package struct AccountPage: Sendable, Equatable {
    package var run: RunSummary
    /// The run before, which the changes are measured against; nil for the first run.
    package var previousRun: RunSummary?
    /// Accounts that match the filters, on every page.
    package var total: Int
    package var offset: Int
    package var limit: Int
    package var accounts: [ListedAccount]

    /// The offset of the next page; nil on the last.
    package var nextOffset: Int? { offset + limit < total ? offset + limit : nil }
    package var previousOffset: Int? { offset > 0 ? max(0, offset - limit) : nil }
}
