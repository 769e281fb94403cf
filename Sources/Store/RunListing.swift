import Foundation
import Scoring

/// A run's accounts held in memory for the account list: read once, in account id
/// order, then filtered, sorted and paged in memory. A page of any filter, search and
/// order costs one pass over the run's accounts (a few milliseconds for 100,000) instead
/// of a query per combination of filters, each needing its own index; an order by the
/// change since the previous run, which no index can give, costs the same.
///
/// Immutable once built: a run's rows never change (recording the same day again makes
/// a run with a new id).
package final class RunListing: Sendable {
    package let run: RunSummary
    package let previousRun: RunSummary?
    /// By account id.
    let rows: [AccountRow]
    /// Parallel to `rows`: the previous run's probability and health score (NaN and
    /// `Int32.min` where the account is new).
    let previousProbability: [Double]
    let previousHealth: [Int32]
    /// Positions in `rows`, in each sort order (ties by account id).
    let orders: [AccountSort: [Int32]]
    /// Parallel to `rows`: owner and segment as positions in `owners` and `segments`.
    let ownerIndex: [Int32]
    let segmentIndex: [Int32]
    /// Sorted distinct owners and segments of the run (for filter choices).
    package let owners: [String]
    package let segments: [String]
    /// Parallel to `rows`: each account's tier, for filtering without touching its row.
    let tiers: [Tier]
    /// Every account's lowercased "name id", one after the other: what a search looks in.
    /// The account at position i spans `searchText[searchStart[i]..<searchStart[i + 1]]`.
    let searchText: [UInt8]
    let searchStart: [Int32]
    /// Each kept feature's median over the run's accounts, and over its healthy ones.
    package let typicalFeatures: [TypicalFeature]

    init(run: RunSummary, previousRun: RunSummary?, rows: [AccountRow], features: [[Double]], previousRows: [AccountRow]) {
        self.run = run
        self.previousRun = previousRun
        self.rows = rows
        // Both runs are in account id order: one merge pairs them.
        var probability = [Double](repeating: .nan, count: rows.count)
        var health = [Int32](repeating: .min, count: rows.count)
        var j = 0
        for (i, row) in rows.enumerated() {
            while j < previousRows.count, previousRows[j].accountID.utf8.lexicographicallyPrecedes(row.accountID.utf8) { j += 1 }
            if j < previousRows.count, previousRows[j].accountID == row.accountID {
                probability[i] = previousRows[j].churnProbability
                health[i] = Int32(previousRows[j].healthScore)
            }
        }
        previousProbability = probability
        previousHealth = health

        func order(_ before: (Int, Int) -> Bool) -> [Int32] {
            // Indices ascend with account id, so index order breaks ties by id.
            (0..<rows.count).sorted { a, b in before(a, b) ? true : before(b, a) ? false : a < b }.map(Int32.init)
        }
        let rise = (0..<rows.count).map { rows[$0].churnProbability - probability[$0] }
        orders = [
            .risk: order { rows[$0].churnProbability > rows[$1].churnProbability },
            .revenue: order { rows[$0].revenueAtRisk > rows[$1].revenueAtRisk },
            .change: order { a, b in
                // New accounts (NaN) after every account with a change; then the largest
                // fall in health score, the points people read, and within it the
                // largest rise in churn probability.
                if rise[a].isNaN || rise[b].isNaN { return !rise[a].isNaN && rise[b].isNaN }
                let fallA = health[a] - Int32(rows[a].healthScore), fallB = health[b] - Int32(rows[b].healthScore)
                return fallA != fallB ? fallA > fallB : rise[a] > rise[b]
            },
        ]
        owners = Array(Set(rows.map(\.owner))).sorted()
        segments = Array(Set(rows.map(\.segment))).sorted()
        let ownerPosition = Dictionary(uniqueKeysWithValues: owners.enumerated().map { ($0.element, Int32($0.offset)) })
        let segmentPosition = Dictionary(uniqueKeysWithValues: segments.enumerated().map { ($0.element, Int32($0.offset)) })
        ownerIndex = rows.map { ownerPosition[$0.owner]! }
        segmentIndex = rows.map { segmentPosition[$0.segment]! }
        tiers = rows.map(\.tier)
        var text: [UInt8] = [], starts: [Int32] = [0]
        for row in rows {
            text += (row.name + " " + row.accountID).lowercased().utf8
            starts.append(Int32(text.count))
        }
        searchText = text
        searchStart = starts
        typicalFeatures = TypicalFeature.medians(names: run.featureNames, columns: features, tiers: rows.map(\.tier))
    }

    package var count: Int { rows.count }

    /// The page the query asks for (its run id is not looked at).
    package func page(_ query: AccountQuery) -> AccountPage {
        let order = orders[query.sort]!
        let filter = Filter(query, listing: self)
        var total = 0
        var picked: [Int] = []
        picked.reserveCapacity(query.limit)
        if filter.isEmpty {
            total = order.count
            if query.offset < total {
                picked = order[query.offset..<min(total, query.offset + query.limit)].map(Int.init)
            }
        } else if !filter.matchesNothing {
            let found = filter.search.map(rowsContaining)
            for position in order where filter.matches(Int(position), in: self, found: found) {
                if total >= query.offset && picked.count < query.limit { picked.append(Int(position)) }
                total += 1
            }
        }
        return AccountPage(run: run, previousRun: previousRun, total: total, offset: query.offset, limit: query.limit,
                           accounts: picked.map(listed))
    }

    /// The accounts whose health score fell most since the previous run (among those whose
    /// churn probability rose).
    package func biggestRises(_ count: Int) -> [ListedAccount] {
        guard previousRun != nil else { return [] }
        return orders[.change]!.lazy.map(Int.init)
            .filter { !self.previousProbability[$0].isNaN && self.rows[$0].churnProbability > self.previousProbability[$0] }
            .prefix(count).map(listed)
    }

    /// The account with this id, if the run has it.
    package func account(_ id: String) -> ListedAccount? {
        var low = 0, high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if rows[middle].accountID.utf8.lexicographicallyPrecedes(id.utf8) { low = middle + 1 } else { high = middle }
        }
        return low < rows.count && rows[low].accountID == id ? listed(low) : nil
    }

    /// For each position, whether its name or id holds `part`: one pass over the whole
    /// search text, skipping to the next account after each hit.
    private func rowsContaining(_ part: [UInt8]) -> [Bool] {
        var found = [Bool](repeating: false, count: rows.count)
        guard let first = part.first else { return found }
        searchText.withUnsafeBufferPointer { text in
            searchStart.withUnsafeBufferPointer { starts in
                var row = 0, index = 0
                let count = text.count
                while index + part.count <= count {
                    guard text[index] == first else { index += 1; continue }
                    while Int(starts[row + 1]) <= index { row += 1 }
                    let end = Int(starts[row + 1])
                    if index + part.count <= end, memcmp(text.baseAddress! + index, part, part.count) == 0 {
                        found[row] = true
                        index = end
                    } else {
                        index += 1
                    }
                }
            }
        }
        return found
    }

    private func listed(_ position: Int) -> ListedAccount {
        ListedAccount(row: rows[position],
                      previousChurnProbability: previousProbability[position].isNaN ? nil : previousProbability[position],
                      previousHealthScore: previousHealth[position] == .min ? nil : Int(previousHealth[position]))
    }

    /// A query's filters, resolved against the run once.
    private struct Filter {
        var tier: Tier?
        var owner: Int32?
        var segment: Int32?
        var search: [UInt8]?
        /// An owner or segment the run does not have.
        var matchesNothing = false

        init(_ query: AccountQuery, listing: RunListing) {
            tier = query.tier
            if let name = query.owner {
                owner = listing.owners.firstIndex(of: name).map(Int32.init)
                if owner == nil { matchesNothing = true }
            }
            if let name = query.segment {
                segment = listing.segments.firstIndex(of: name).map(Int32.init)
                if segment == nil { matchesNothing = true }
            }
            if let text = query.search?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty {
                search = Array(text.utf8)
            }
        }

        var isEmpty: Bool { tier == nil && owner == nil && segment == nil && search == nil && !matchesNothing }

        /// `found` marks the positions whose search text holds the search (nil without one).
        func matches(_ position: Int, in listing: RunListing, found: [Bool]?) -> Bool {
            if let tier, listing.tiers[position] != tier { return false }
            if let owner, listing.ownerIndex[position] != owner { return false }
            if let segment, listing.segmentIndex[position] != segment { return false }
            if let found, !found[position] { return false }
            return true
        }
    }
}

/// One feature's typical value in a run.
package struct TypicalFeature: Sendable, Equatable {
    package var name: String
    /// Median over the accounts that have a value; nil when none has.
    package var median: Double?
    /// Median over the healthy accounts that have a value.
    package var healthyMedian: Double?

    static func medians(names: [String], columns: [[Double]], tiers: [Tier]) -> [TypicalFeature] {
        zip(names, columns).map { name, column in
            var all: [Double] = [], healthy: [Double] = []
            all.reserveCapacity(column.count)
            for (value, tier) in zip(column, tiers) where !value.isNaN {
                all.append(value)
                if tier == .healthy { healthy.append(value) }
            }
            return TypicalFeature(name: name, median: median(&all), healthyMedian: median(&healthy))
        }
    }

    static func median(_ values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        values.sort()
        let middle = values.count / 2
        return values.count.isMultiple(of: 2) ? (values[middle - 1] + values[middle]) / 2 : values[middle]
    }
}

/// A run's portfolio in numbers: accounts and MRR by tier, and the MRR at risk.
package struct RunTotals: Sendable, Equatable {
    package var runID: Int64
    package var accounts: [Tier: Int]
    /// MRR of the accounts in each tier (unknown MRR counts 0).
    package var mrr: [Tier: Double]
    /// Sum of churn probability times MRR.
    package var revenueAtRisk: Double

    package init(runID: Int64, accounts: [Tier: Int], mrr: [Tier: Double], revenueAtRisk: Double) {
        self.runID = runID; self.accounts = accounts; self.mrr = mrr; self.revenueAtRisk = revenueAtRisk
    }

    package var accountCount: Int { accounts.values.reduce(0, +) }
    package var totalMRR: Double { mrr.values.reduce(0, +) }
}
