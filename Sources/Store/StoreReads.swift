import Foundation
import Scoring

/// Pieces both kinds of store use to turn rows into the dashboard's values.
enum StoreReads {
    /// The columns a run's listing reads, in this order.
    static let listingColumns = ["account_id", "name", "owner", "segment", "mrr", "churn_probability", "health_score", "tier",
                                 "revenue_at_risk", "reasons", "feature_values"]

    /// The first of the reasons kept in one text cell.
    static func topReason(_ text: String) -> String? {
        guard !text.isEmpty else { return nil }
        guard let end = text.range(of: StoreSchema.reasonSeparator) else { return text }
        return String(text[..<end.lowerBound])
    }

    /// Feature values collected column by column while a listing is read.
    struct FeatureColumns {
        var columns: [[Double]]

        init(count: Int, capacity: Int) {
            columns = Array(repeating: [], count: count)
            for index in columns.indices { columns[index].reserveCapacity(capacity) }
        }

        mutating func append(_ packed: UnsafeRawBufferPointer) {
            let values = FeatureValues.unpack(packed)
            for index in columns.indices { columns[index].append(index < values.count ? values[index] : .nan) }
        }
    }

    /// Totals from rows of (run, tier, accounts, MRR, revenue at risk), one per run and tier.
    static func totals(runs: [Int64], rows: [(Int64, String, Int, Double, Double)]) -> [RunTotals] {
        var byRun = Dictionary(uniqueKeysWithValues: runs.map { ($0, RunTotals(runID: $0, accounts: [:], mrr: [:], revenueAtRisk: 0)) })
        for (run, tierName, count, mrr, atRisk) in rows {
            let tier = StoreRows.tier(tierName)
            byRun[run]?.accounts[tier, default: 0] += count
            byRun[run]?.mrr[tier, default: 0] += mrr
            byRun[run]?.revenueAtRisk += atRisk
        }
        return runs.compactMap { byRun[$0] }
    }

    /// A stored row as the list shows it.
    static func row(_ record: RunAccountRecord) -> AccountRow {
        AccountRow(accountID: record.accountId, name: record.name, owner: record.owner, segment: record.segment,
                   mrr: record.mrr, churnProbability: record.churnProbability, healthScore: record.healthScore,
                   tier: StoreRows.tier(record.tier), revenueAtRisk: record.revenueAtRisk,
                   topReason: topReason(record.reasons))
    }

    /// The per-family contributions of a stored row, in `SignalFamily.allCases` order.
    static func contributions(_ record: RunAccountRecord) -> FamilyContributions {
        var contributions = FamilyContributions()
        let values = [record.contributionSessionFrequency, record.contributionSessionDuration, record.contributionNps,
                      record.contributionMarketing, record.contributionInteractions, record.contributionTenure,
                      record.contributionAccountSize]
        for (index, value) in values.enumerated() { contributions[index] = value }
        return contributions
    }

    /// A stored row as a comparison reads it.
    static func stored(_ record: RunAccountRecord) -> StoredAccount {
        StoredAccount(accountID: record.accountId, name: record.name, churnProbability: record.churnProbability,
                      healthScore: record.healthScore, tier: StoreRows.tier(record.tier), revenueAtRisk: record.revenueAtRisk,
                      features: FeatureValues.unpack(record.featureValues), intercept: record.contributionIntercept,
                      contributions: contributions(record))
    }
}
