import Foundation

/// What the store keeps in memory between reads, bounded so that memory does not grow
/// with the number of requests: the listings of the few runs last asked for, and each
/// run's totals (a few numbers per run). A run never changes once recorded, so nothing
/// here goes stale; a run replaced or deleted gets dropped when `runs` no longer lists it.
actor ReadCache {
    /// Listings kept at once: the latest run, the one before, and two others.
    static let listingCapacity = 4

    private struct Key: Hashable {
        var run: Int64
        var previous: Int64?
    }

    private var listings: [Key: Task<RunListing, any Error>] = [:]
    /// Least recently used first.
    private var recent: [Key] = []
    private var totals: [Int64: RunTotals] = [:]
    private var runs: (version: RunsVersion, runs: [RunSummary])?

    /// The runs read last, if the store's runs are still those.
    func runs(_ version: RunsVersion) -> [RunSummary]? {
        runs?.version == version ? runs?.runs : nil
    }

    func keep(_ runs: [RunSummary], _ version: RunsVersion) {
        self.runs = (version, runs)
    }

    /// The listing of `run`, read on first use; callers asking at the same time share one read.
    func listing(run: Int64, previous: Int64?, load: @escaping @Sendable () async throws -> RunListing) async throws -> RunListing {
        let key = Key(run: run, previous: previous)
        let task: Task<RunListing, any Error>
        if let cached = listings[key] {
            task = cached
        } else {
            task = Task { try await load() }
            listings[key] = task
        }
        recent.removeAll { $0 == key }
        recent.append(key)
        while recent.count > Self.listingCapacity {
            listings[recent.removeFirst()] = nil
        }
        do {
            return try await task.value
        } catch {
            // A failed read is not kept: the next request tries again.
            if listings[key] == task { listings[key] = nil; recent.removeAll { $0 == key } }
            throw error
        }
    }

    /// The totals of each run, reading only those not read before; forgets runs no longer listed.
    func totals(of runs: [Int64], read: @Sendable ([Int64]) async throws -> [RunTotals]) async throws -> [RunTotals] {
        let missing = runs.filter { totals[$0] == nil }
        if !missing.isEmpty {
            for found in try await read(missing) { totals[found.runID] = found }
        }
        let listed = Set(runs)
        totals = totals.filter { listed.contains($0.key) }
        return runs.compactMap { totals[$0] }
    }
}
