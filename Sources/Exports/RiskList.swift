import Scoring

/// Who to call this week: scored accounts filtered and ordered for action.
package struct RiskList: Sendable {
    package enum Order: String, Sendable, CaseIterable {
        /// Highest churn probability first.
        case risk
        /// Most monthly revenue at risk (probability x MRR) first.
        case revenue
    }

    package var order: Order = .risk
    /// Keep accounts whose churn probability is at least this.
    package var minimumProbability: Double?
    /// Keep the first N after sorting.
    package var top: Int?

    package init(order: Order = .risk, minimumProbability: Double? = nil, top: Int? = nil) {
        self.order = order
        self.minimumProbability = minimumProbability
        self.top = top
    }

    /// Filters, sorts (ties broken by the other measure, then account id, so the list is
    /// stable from run to run) and cuts.
    package func apply(to rows: [ScoreRow]) -> [ScoreRow] {
        var kept = rows.filter { row in minimumProbability.map { row.churnProbability >= $0 } ?? true }
        kept.sort { a, b in
            let (first, second) = order == .risk
                ? ((a.churnProbability, b.churnProbability), (a.revenueAtRisk, b.revenueAtRisk))
                : ((a.revenueAtRisk, b.revenueAtRisk), (a.churnProbability, b.churnProbability))
            if first.0 != first.1 { return first.0 > first.1 }
            if second.0 != second.1 { return second.0 > second.1 }
            return a.accountID < b.accountID
        }
        if let top, top < kept.count { kept.removeLast(kept.count - top) }
        return kept
    }
}
