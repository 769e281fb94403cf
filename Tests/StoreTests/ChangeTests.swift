import Foundation
import Features
import Scoring
import XCTest
@testable import Store

final class ChangeTests: StoreTestCase {
    /// The list must hold exactly the accounts whose tier got worse or whose health fell by
    /// at least the minimum drop, plus the new and the gone ones, as read off the two
    /// scored snapshots themselves.
    func testChangesListExactlyTheWorseNewAndGoneAccounts() async throws {
        try await eachKind {
            let scored = fixture.scored
            let store = try await openStore()
            for day in 0..<3 { try await record(day, in: store) }
            for minimumDrop in [10, 3] {
                let report = try await store.changes(from: StoreFixture.days[0], to: StoreFixture.days[1], minimumDrop: minimumDrop)
                XCTAssertEqual(report.from.asOf, StoreFixture.days[0])
                XCTAssertEqual(report.to.asOf, StoreFixture.days[1])
                let expected = expectedChanges(old: scored[0], new: scored[1], minimumDrop: minimumDrop)
                XCTAssertEqual(Dictionary(uniqueKeysWithValues: report.accounts.map { ($0.accountID, $0.change) }), expected)
                for kind in [ChangeKind.worse, .new, .gone] {
                    XCTAssertTrue(expected.values.contains(kind), "the fixture has \(kind) accounts")
                }
                let rises = report.accounts.map(\.revenueAtRiskChange)
                XCTAssertEqual(rises, rises.sorted(by: >), "largest rise in revenue at risk first")
            }
            // No days: the latest run against the one before.
            let latest = try await store.changes()
            XCTAssertEqual([latest.from.asOf, latest.to.asOf], [StoreFixture.days[1], StoreFixture.days[2]])
            XCTAssertEqual(Set(latest.accounts.map(\.accountID)),
                           Set(expectedChanges(old: scored[1], new: scored[2], minimumDrop: 10).keys))
            await store.close()
        }
    }

    /// The two kinds read a comparison differently (SQLite steps through both runs in id
    /// order; PostgreSQL merges them in the server, sends each side's numbers as one array
    /// and the earlier features only when the models differ, and sorts the pairs itself):
    /// both must list the same accounts in the same order with the same numbers and terms,
    /// for runs of one model and across a change of model.
    func testBothKindsListTheSameChangesInTheSameOrder() async throws {
        var lists: [[[AccountChange]]] = []
        try await eachKind {
            let store = try await openStore()
            for day in 0..<2 { try await record(day, in: store) }
            try await record(2, other: true, in: store)
            lists.append([try await store.changes(from: StoreFixture.days[0], to: StoreFixture.days[1], minimumDrop: 3).accounts,
                          try await store.changes(minimumDrop: 3).accounts])
            await store.close()
        }
        XCTAssertGreaterThan(lists.first?[0].count ?? 0, 10)
        XCTAssertTrue(lists.first?[1].contains { abs($0.terms?.model ?? 0) > 0.01 } ?? false, "the second pair changed model")
        if lists.count == 2 { XCTAssertEqual(lists[0], lists[1]) }
    }

    /// A PostgreSQL comparison takes two pooled connections; more comparisons at once than
    /// the pool has connections must each finish with the same list, not wait on each
    /// other for ever. (The deadline only turns a hang into a failure.)
    func testMoreComparisonsAtOnceThanConnectionsAllFinish() async throws {
        try await eachKind {
            let store = try await openStore()
            for day in 0..<2 { try await record(day, in: store) }
            let expected = try await store.changes(minimumDrop: 3).accounts
            let comparisons = 2 * PostgresStore.maximumConnections
            let lists = try await withThrowingTaskGroup(of: [[AccountChange]]?.self) { group in
                group.addTask {
                    try await withThrowingTaskGroup(of: [AccountChange].self) { comparing in
                        for _ in 0..<comparisons { comparing.addTask { try await store.changes(minimumDrop: 3).accounts } }
                        return try await comparing.reduce(into: []) { $0.append($1) }
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(120))
                    return nil
                }
                let first = try await group.next()!
                group.cancelAll()
                return first
            }
            let finished = try XCTUnwrap(lists, "\(comparisons) comparisons at once did not finish in two minutes")
            XCTAssertEqual(finished.count, comparisons)
            for list in finished { XCTAssertEqual(list, expected) }
            await store.close()
        }
    }

    func testChangeOfOneAccountCarriesBothSides() async throws {
        try await eachKind {
            let scored = fixture.scored
            let store = try await openStore()
            for day in 0..<2 { try await record(day, in: store) }
            let report = try await store.changes(minimumDrop: 10)
            await store.close()
            let worse = try XCTUnwrap(report.accounts.first { $0.change == .worse })
            let old = try XCTUnwrap(row(worse.accountID, in: scored[0])), new = try XCTUnwrap(row(worse.accountID, in: scored[1]))
            XCTAssertEqual(worse.churnProbabilityFrom, old.churnProbability)
            XCTAssertEqual(worse.churnProbabilityTo, new.churnProbability)
            XCTAssertEqual(worse.healthScoreFrom, old.healthScore)
            XCTAssertEqual(worse.healthScoreTo, new.healthScore)
            XCTAssertEqual(worse.tierFrom, old.tier)
            XCTAssertEqual(worse.tierTo, new.tier)
            XCTAssertEqual(worse.revenueAtRiskChange, new.revenueAtRisk - old.revenueAtRisk)
            XCTAssertEqual(worse.name, new.name)
            let gone = try XCTUnwrap(report.accounts.first { $0.change == .gone })
            XCTAssertNil(gone.terms)
            XCTAssertNil(gone.churnProbabilityTo)
            XCTAssertEqual(gone.revenueAtRiskChange, -(row(gone.accountID, in: scored[0])?.revenueAtRisk ?? .nan))
        }
    }

    func testComparingNeedsTwoRuns() async throws {
        try await eachKind {
            let store = try await openStore()
            try await record(0, in: store)
            do {
                _ = try await store.changes()
                XCTFail("one run cannot be compared")
            } catch {
                XCTAssertEqual(storeError(error), .notEnoughRuns(found: 1, needed: 2))
            }
            try await record(1, in: store)
            do {
                _ = try await store.changes(from: StoreFixture.days[0].adding(days: -1))
                XCTFail("no run before the first")
            } catch {
                XCTAssertEqual(storeError(error), .noRunOnOrBefore(StoreFixture.days[0].adding(days: -1)))
            }
            await store.close()
        }
    }

    private func storeError(_ error: any Error) -> StoreError? { error as? StoreError }

    // MARK: - Reference values, from the scored snapshots alone

    func row(_ id: String, in scored: ScoredSnapshot) -> ScoreRow? {
        (0..<scored.count).first { scored.account(at: $0).id == id }.map(scored.row(at:))
    }

    func expectedChanges(old: ScoredSnapshot, new: ScoredSnapshot, minimumDrop: Int) -> [String: ChangeKind] {
        let before = Dictionary(uniqueKeysWithValues: old.rows.map { ($0.accountID, $0) })
        let after = Dictionary(uniqueKeysWithValues: new.rows.map { ($0.accountID, $0) })
        let rank: [Tier: Int] = [.healthy: 0, .watch: 1, .atRisk: 2]
        var expected: [String: ChangeKind] = [:]
        for (id, row) in after {
            guard let earlier = before[id] else { expected[id] = .new; continue }
            if rank[row.tier]! > rank[earlier.tier]! || earlier.healthScore - row.healthScore >= minimumDrop { expected[id] = .worse }
        }
        for id in before.keys where after[id] == nil { expected[id] = .gone }
        return expected
    }
}
