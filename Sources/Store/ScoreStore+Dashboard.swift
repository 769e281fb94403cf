import Foundation
import Scoring

/// The reads behind the dashboard and its API: a run's accounts filtered, sorted and
/// paged; one account in full; each run's totals.
extension ScoreStore {
    /// The run with this id and the run before it (by day, then by when recorded); the
    /// latest run when `id` is nil.
    package func run(id: Int64?) async throws(StoreError) -> (run: RunSummary, previous: RunSummary?) {
        let runs = try await runs()
        guard !runs.isEmpty else { throw .noRuns }
        let index: Int
        if let id {
            guard let found = runs.firstIndex(where: { $0.id == id }) else { throw .noSuchRun(id: id) }
            index = found
        } else {
            index = runs.count - 1
        }
        return (runs[index], index > 0 ? runs[index - 1] : nil)
    }

    /// A run's accounts in memory, with the run before for the changes (read once, then
    /// kept for the few runs last asked for).
    package func listing(runID: Int64? = nil) async throws(StoreError) -> RunListing {
        let (run, previous) = try await run(id: runID)
        return try await listing(run: run, previous: previous)
    }

    func listing(run: RunSummary, previous: RunSummary?) async throws(StoreError) -> RunListing {
        let backend = backend
        return try await translated {
            try await cache.listing(run: run.id, previous: previous?.id) {
                let (rows, features) = try await backend.listing(run: run)
                var previousRows: [AccountRow] = []
                if let previous { previousRows = try await backend.listing(run: previous).rows }
                return RunListing(run: run, previousRun: previous, rows: rows, features: features, previousRows: previousRows)
            }
        }
    }

    /// One page of a run's accounts.
    package func accounts(_ query: AccountQuery) async throws(StoreError) -> AccountPage {
        try await listing(runID: query.runID).page(query)
    }

    /// Accounts, MRR and revenue at risk by tier for each run, in the order given.
    package func totals(of runs: [RunSummary]) async throws(StoreError) -> [RunTotals] {
        let backend = backend
        return try await translated {
            try await cache.totals(of: runs.map(\.id)) { try await backend.totals(runs: $0) }
        }
    }

    /// The account in a run (the latest run that has it when `runID` is nil), with its
    /// features beside the run's typical values and its change since the run before,
    /// split by signal family; nil when no such run has the account.
    package func account(id: String, runID: Int64? = nil) async throws(StoreError) -> AccountDetail? {
        let runs = try await runs()
        guard let chosen = try await runIndex(of: id, runID: runID, among: runs) else { return nil }
        let run = runs[chosen]
        let previous: RunSummary? = chosen > 0 ? runs[chosen - 1] : nil
        guard let record = try await storedRow(run: run.id, accountID: id) else { return nil }
        var before: RunAccountRecord?
        if let previous { before = try await storedRow(run: previous.id, accountID: id) }
        var change: ChangeTerms?
        if let previous, let before {
            let split: ChangeSplit
            if previous.modelFingerprint == run.modelFingerprint {
                split = ChangeSplit()
            } else {
                let newModel = try await model(fingerprint: run.modelFingerprint)
                split = try ChangeSplit(from: previous, to: run, newModel: newModel)
            }
            change = split.terms(old: StoreReads.stored(before), new: StoreReads.stored(record))
        }
        let typical = try await listing(run: run, previous: previous).typicalFeatures
        return AccountDetail.make(run: run, record: record, typical: typical, previousRun: before == nil ? nil : previous,
                                  previous: before, change: change)
    }

    /// The position among `runs` of the run asked for, or of the latest run that has the account.
    private func runIndex(of id: String, runID: Int64?, among runs: [RunSummary]) async throws(StoreError) -> Int? {
        if let runID {
            guard let index = runs.firstIndex(where: { $0.id == runID }) else { throw .noSuchRun(id: runID) }
            return index
        }
        let held = Set(try await history(accountID: id).runs.map(\.runID))
        return runs.lastIndex { held.contains($0.id) }
    }

    private func storedRow(run: Int64, accountID: String) async throws(StoreError) -> RunAccountRecord? {
        let backend = backend
        return try await translated { try await backend.account(run: run, accountID: accountID) }
    }
}

extension AccountDetail {
    static func make(run: RunSummary, record: RunAccountRecord, typical: [TypicalFeature], previousRun: RunSummary?,
                     previous: RunAccountRecord?, change: ChangeTerms?) -> AccountDetail {
        let values = FeatureValues.unpack(record.featureValues)
        let features = run.featureNames.enumerated().map { index, name in
            FeatureReading(name: name, value: index < values.count ? values[index] : .nan,
                           median: index < typical.count ? typical[index].median : nil,
                           healthyMedian: index < typical.count ? typical[index].healthyMedian : nil)
        }
        let contributions = StoreReads.contributions(record)
        return AccountDetail(
            run: run, row: StoreReads.row(record), reasons: StoreRows.reasons(record.reasons), features: features,
            intercept: record.contributionIntercept,
            contributions: (0..<StoreSchema.familyColumns.count).map { contributions[$0] },
            previousRun: previousRun, previous: previous.map(StoreReads.row), change: change)
    }
}
