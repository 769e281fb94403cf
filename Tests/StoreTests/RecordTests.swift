import Foundation
import Features
import Scoring
import XCTest
@testable import Store

final class RecordTests: StoreTestCase {
    func testARunReadsBackAsTheScoredRows() async throws {
        try await eachKind {
            let f = fixture, scored = f.scored[0]
            let store = try await openStore()
            let recorded = try await record(0, in: store)
            XCTAssertFalse(recorded.replaced)
            let runs = try await store.runs()
            XCTAssertEqual(runs, [recorded.run])
            XCTAssertEqual(runs[0].asOf, StoreFixture.days[0])
            XCTAssertEqual(runs[0].accountCount, scored.count)
            XCTAssertEqual(runs[0].modelFingerprint, ModelFingerprint.of(f.modelBytes))
            XCTAssertEqual(runs[0].thresholds, f.thresholds)
            XCTAssertEqual(runs[0].horizonDays, f.model.horizonDays)
            let storedModel = try await store.model(fingerprint: runs[0].modelFingerprint)
            XCTAssertEqual(storedModel, f.model)

            // Every account's stored row equals the row `score` writes, numbers bit for bit.
            for index in 0..<scored.count {
                let row = scored.row(at: index)
                let history = try await store.history(accountID: row.accountID)
                XCTAssertEqual(history.runs.count, 1, row.accountID)
                guard let entry = history.runs.first else { continue }
                XCTAssertEqual(entry.churnProbability.bitPattern, row.churnProbability.bitPattern, row.accountID)
                XCTAssertEqual(entry.healthScore, row.healthScore)
                XCTAssertEqual(entry.tier, row.tier)
                XCTAssertEqual(entry.reasons, row.reasons)
                XCTAssertEqual(entry.mrr, row.mrr)
                XCTAssertEqual(entry.revenueAtRisk.bitPattern, row.revenueAtRisk.bitPattern)
                XCTAssertEqual(entry.asOf, row.asOf)
            }
            await store.close()
        }
    }

    /// Intercept plus family contributions is the log-odds behind each stored probability.
    func testContributionsAddUpToTheLogOdds() async throws {
        try await eachKind {
            let f = fixture, scored = f.scored[0]
            let store = try await openStore()
            try await record(0, in: store)
            let run = try await store.runs()[0]
            let pairs = try await store.backend.changedAccounts(from: run, to: run, minimumDrop: -1000)
            await store.close()
            let definitions = try f.model.definitions()
            let byID = Dictionary(uniqueKeysWithValues: (0..<scored.count).map { (scored.account(at: $0).id, $0) })
            var checked = 0
            for pair in pairs {
                let account = try XCTUnwrap(pair.new)
                let index = try XCTUnwrap(byID[account.accountID])
                // ChurnModel.logOdds sums the same products in another order: equal to rounding.
                let reference = f.model.logOdds(scored.snapshot.signals[index], definitions: definitions)
                XCTAssertEqual(account.logOdds, reference, accuracy: 1e-12)
                let p = account.churnProbability
                if p > 1e-6 && p < 1 - 1e-6 {
                    XCTAssertEqual(account.logOdds, log(p) - log1p(-p), accuracy: 1e-12 / (p * (1 - p)) + 1e-12)
                    checked += 1
                }
            }
            XCTAssertGreaterThan(checked, scored.count / 2)
        }
    }

    func testTheSameDayAndModelReplacesTheRun() async throws {
        try await eachKind {
            let store = try await openStore()
            let first = try await record(0, in: store)
            let second = try await record(0, in: store)
            XCTAssertEqual(second.replacedRunID, first.run.id)
            let runs = try await store.runs()
            XCTAssertEqual(runs.map(\.id), [second.run.id], "one run for one day and model")
            let oldRows = try await accountRows(of: first.run.id, in: store)
            let newRows = try await accountRows(of: second.run.id, in: store)
            XCTAssertEqual(oldRows, 0)
            XCTAssertEqual(newRows, fixture.scored[0].count)
            await store.close()
        }
    }

    func testAnotherModelMakesANewRun() async throws {
        try await eachKind {
            let store = try await openStore()
            let first = try await record(0, in: store)
            let second = try await record(0, other: true, in: store)
            XCTAssertFalse(second.replaced)
            let runs = try await store.runs()
            XCTAssertEqual(Set(runs.map(\.id)), [first.run.id, second.run.id])
            XCTAssertNotEqual(runs[0].modelFingerprint, runs[1].modelFingerprint)
            let account = fixture.scored[0].account(at: 0).id
            let history = try await store.history(accountID: account)
            XCTAssertEqual(history.runs.map(\.runID), [first.run.id, second.run.id], "oldest first")
            await store.close()
        }
    }

    func testHistoryListsRunsOldestFirst() async throws {
        try await eachKind {
            let store = try await openStore()
            // Recorded out of order: history orders by day, not by when runs were written.
            for day in [2, 0, 1] { try await record(day, in: store) }
            let scored = fixture.scored
            let later = Set((0..<scored[2].count).map { scored[2].account(at: $0).id })
            let id = try XCTUnwrap((0..<scored[0].count).map { scored[0].account(at: $0).id }.first { later.contains($0) })
            let history = try await store.history(accountID: id)
            XCTAssertEqual(history.runs.map(\.asOf), StoreFixture.days)
            let none = try await store.history(accountID: "no-such-account")
            XCTAssertEqual(none.runs, [])
            await store.close()
        }
    }
}
