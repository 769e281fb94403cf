import Scoring

/// Turns the changed pairs of two runs into the list `changes` shows: each account's
/// change with its terms, the largest rise in revenue at risk first.
enum ChangeList {
    static func make(_ pairs: [AccountPair], split: ChangeSplit) -> [AccountChange] {
        var changes = pairs.map { pair -> AccountChange in
            let old = pair.old, new = pair.new
            let kind: ChangeKind = old == nil ? .new : new == nil ? .gone : .worse
            let terms = old.flatMap { old in new.map { split.terms(old: old, new: $0) } }
            return AccountChange(
                accountID: (new ?? old)!.accountID, name: (new ?? old)!.name, change: kind,
                churnProbabilityFrom: old?.churnProbability, churnProbabilityTo: new?.churnProbability,
                healthScoreFrom: old?.healthScore, healthScoreTo: new?.healthScore, tierFrom: old?.tier, tierTo: new?.tier,
                revenueAtRiskChange: (new?.revenueAtRisk ?? 0) - (old?.revenueAtRisk ?? 0), terms: terms)
        }
        // Ties by account id, so the list is the same from one call to the next.
        changes.sort { a, b in
            a.revenueAtRiskChange != b.revenueAtRiskChange
                ? a.revenueAtRiskChange > b.revenueAtRiskChange
                : a.accountID.utf8.lexicographicallyPrecedes(b.accountID.utf8)
        }
        return changes
    }
}
