/// What a team would catch by calling only the top of the list: the share of churners,
/// and of the revenue they took with them, among the riskiest `share` of accounts.
package struct CaptureRate: Sendable, Equatable, Encodable {
    /// Fraction of the list called, e.g. 0.1 for the top 10%.
    package let share: Double
    /// Accounts in that top: round(share x accounts).
    package let accounts: Int
    /// Churners among them (fractional when a tie straddles the cut, see `init`).
    package let churnersCaught: Double
    package let churners: Int
    /// MRR of the churners among them.
    package let revenueCaught: Double
    /// MRR of all churners.
    package let churnedRevenue: Double

    /// churners caught / churners; nil without churners.
    package var churnerShare: Double? { churners > 0 ? churnersCaught / Double(churners) : nil }
    /// churned MRR caught / churned MRR; nil when no churned MRR is known.
    package var revenueShare: Double? { churnedRevenue > 0 ? revenueCaught / churnedRevenue : nil }

    /// Accounts tied at the cut are counted pro rata (the expected catch if the tie were
    /// broken at random), so a score with many equal values, like a 0-100 rule score, is
    /// neither favoured nor penalised by an arbitrary order.
    package init(share: Double, risk: [Double], labels: [Double], mrr: [Double]) {
        self.share = share
        let n = risk.count
        let top = Int((share * Double(n)).rounded())
        accounts = top
        churners = labels.filter { $0 == 1 }.count
        churnedRevenue = zip(labels, mrr).reduce(0) { $0 + ($1.0 == 1 ? $1.1 : 0) }
        let order = risk.indices.sorted { risk[$0] > risk[$1] }
        var taken = 0
        var caught = 0.0, revenue = 0.0
        var start = 0
        while start < n && taken < top {
            var end = start
            while end + 1 < n && risk[order[end + 1]] == risk[order[start]] { end += 1 }
            var groupChurners = 0.0, groupRevenue = 0.0
            for k in start...end where labels[order[k]] == 1 {
                groupChurners += 1
                groupRevenue += mrr[order[k]]
            }
            let size = end - start + 1
            let fraction = min(1, Double(top - taken) / Double(size))
            caught += fraction * groupChurners
            revenue += fraction * groupRevenue
            taken += size
            start = end + 1
        }
        churnersCaught = caught
        revenueCaught = revenue
    }

    enum CodingKeys: String, CodingKey {
        case share, accounts, churnersCaught, churners, revenueCaught, churnedRevenue, churnerShare, revenueShare
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(share, forKey: .share)
        try container.encode(accounts, forKey: .accounts)
        try container.encode(churnersCaught, forKey: .churnersCaught)
        try container.encode(churners, forKey: .churners)
        try container.encode(revenueCaught, forKey: .revenueCaught)
        try container.encode(churnedRevenue, forKey: .churnedRevenue)
        try container.encode(churnerShare, forKey: .churnerShare)
        try container.encode(revenueShare, forKey: .revenueShare)
    }
}
