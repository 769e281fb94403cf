import Foundation
import Features
import Scoring
import XCTest
@testable import Store

/// The reads behind the dashboard, on both kinds of store: a run's accounts filtered,
/// searched, sorted and paged in memory; one account in full; each run's totals.
final class DashboardReadTests: StoreTestCase {
    func testListingPagesHoldTheRunAsScored() async throws {
        try await eachKind {
            let store = try await openStore()
            for day in 0..<3 { try await record(day, in: store) }
            let scored = fixture.scored[2], before = fixture.scored[1]
            let previous = Dictionary(uniqueKeysWithValues: (0..<before.count).map { (before.account(at: $0).id, before.scores[$0]) })
            let listing = try await store.listing()
            XCTAssertEqual(listing.run.asOf, StoreFixture.days[2])
            XCTAssertEqual(listing.previousRun?.asOf, StoreFixture.days[1])
            XCTAssertEqual(listing.count, scored.count)
            // Every account, each with its score now and in the run before.
            var all: [ListedAccount] = []
            var offset = 0
            while true {
                let page = try await store.accounts(AccountQuery(offset: offset, limit: AccountQuery.maximumLimit))
                XCTAssertEqual(page.total, scored.count)
                all += page.accounts
                guard let next = page.nextOffset else { break }
                offset = next
            }
            XCTAssertEqual(all.count, scored.count)
            for index in 0..<scored.count {
                let id = scored.account(at: index).id
                let found = try XCTUnwrap(listing.account(id), id)
                XCTAssertEqual(found.row.churnProbability, scored.scores[index].churnProbability)
                XCTAssertEqual(found.row.healthScore, scored.scores[index].healthScore)
                XCTAssertEqual(found.row.tier, scored.scores[index].tier)
                XCTAssertEqual(found.row.owner, scored.account(at: index).owner)
                XCTAssertEqual(found.previousChurnProbability, previous[id]?.churnProbability)
            }
            let risks = all.map(\.row.churnProbability)
            XCTAssertEqual(risks, risks.sorted(by: >))
            await store.close()
        }
    }

    func testFiltersSearchAndSorts() async throws {
        try await eachKind {
            let store = try await openStore()
            for day in 0..<2 { try await record(day, in: store) }
            let listing = try await store.listing()
            let scored = fixture.scored[1]
            let owner = listing.owners[0], segment = listing.segments[0]
            let expected = (0..<scored.count).filter {
                scored.scores[$0].tier == .watch && scored.account(at: $0).owner == owner && scored.account(at: $0).segment == segment
            }
            let page = listing.page(AccountQuery(tier: .watch, owner: owner, segment: segment, sort: .revenue, limit: 200))
            XCTAssertEqual(page.total, expected.count)
            XCTAssertEqual(Set(page.accounts.map(\.row.accountID)), Set(expected.map { scored.account(at: $0).id }))
            let revenue = page.accounts.map(\.row.revenueAtRisk)
            XCTAssertEqual(revenue, revenue.sorted(by: >))
            // Search: part of a name, in any case, or of an id.
            let someone = scored.account(at: 17)
            let byName = listing.page(AccountQuery(search: String(someone.name.dropFirst(2).prefix(6)).uppercased(), limit: 200))
            XCTAssertTrue(byName.accounts.contains { $0.row.accountID == someone.id })
            XCTAssertTrue(byName.accounts.allSatisfy { ($0.row.name + " " + $0.row.accountID).lowercased()
                    .contains(String(someone.name.dropFirst(2).prefix(6)).lowercased()) })
            XCTAssertEqual(listing.page(AccountQuery(search: someone.id)).accounts.first?.row.accountID, someone.id)
            XCTAssertEqual(listing.page(AccountQuery(owner: "nobody at all")).total, 0)
            // By change: the largest fall in health first, then the accounts new in the run.
            let byChange = listing.page(AccountQuery(sort: .change, limit: 200)).accounts
                + listing.page(AccountQuery(sort: .change, offset: 200, limit: 200)).accounts
                + listing.page(AccountQuery(sort: .change, offset: 400, limit: 200)).accounts
            let falls = byChange.compactMap { a in a.healthScoreChange.map { -$0 } }
            XCTAssertEqual(falls, falls.sorted(by: >))
            let firstNew = byChange.firstIndex { $0.previousChurnProbability == nil } ?? byChange.count
            XCTAssertTrue(byChange[firstNew...].allSatisfy { $0.previousChurnProbability == nil }, "new accounts last")
            XCTAssertLessThan(firstNew, byChange.count, "the fixture has new accounts")
            await store.close()
        }
    }

    func testAccountDetailAndTotals() async throws {
        try await eachKind {
            let store = try await openStore()
            try await record(0, in: store)
            try await record(1, other: true, in: store)
            let scored = fixture.scoredByOther[1], before = fixture.scored[0]
            let oldIndex = Dictionary(uniqueKeysWithValues: (0..<before.count).map { (before.account(at: $0).id, $0) })
            let index = (0..<scored.count).first { oldIndex[scored.account(at: $0).id] != nil }!
            let id = scored.account(at: index).id
            let found = try await store.account(id: id)
            let detail = try XCTUnwrap(found)
            XCTAssertEqual(detail.row.churnProbability, scored.scores[index].churnProbability)
            // The kept feature values are the snapshot's, bit for bit (NaN where missing).
            let signals = scored.snapshot.signals[index]
            XCTAssertEqual(detail.features.map(\.name), StoreSchema.featureNames)
            for (reading, feature) in zip(detail.features, FeatureCatalog.all) {
                XCTAssertEqual(reading.value.bitPattern, (feature.value(signals) ?? .nan).bitPattern, reading.name)
            }
            XCTAssertEqual(detail.previous?.churnProbability, before.scores[oldIndex[id]!].churnProbability)
            let terms = try XCTUnwrap(detail.change)
            let logit = { (p: Double) in log(p / (1 - p)) }
            XCTAssertEqual(terms.total, logit(detail.row.churnProbability) - logit(detail.previous!.churnProbability), accuracy: 1e-9)
            XCTAssertNotEqual(terms.model, 0, "the two runs used different models")
            XCTAssertEqual(1 / (1 + exp(-detail.logOdds)), detail.row.churnProbability, accuracy: 1e-9)
            let nobody = try await store.account(id: "nobody")
            XCTAssertNil(nobody)
            // Totals add up to the scores.
            let runs = try await store.runs()
            let totals = try await store.totals(of: runs)
            XCTAssertEqual(totals.map(\.runID), runs.map(\.id))
            for tier in Tier.allCases {
                XCTAssertEqual(totals[1].accounts[tier] ?? 0, scored.scores.filter { $0.tier == tier }.count)
            }
            let atRisk = (0..<scored.count).reduce(0.0) { $0 + scored.scores[$1].revenueAtRisk(mrr: scored.account(at: $1).mrr) }
            XCTAssertEqual(totals[1].revenueAtRisk, atRisk, accuracy: 1e-6 * atRisk)
            do {
                _ = try await store.listing(runID: 9999)
                XCTFail("no such run")
            } catch {
                XCTAssertEqual(error as? StoreError, .noSuchRun(id: 9999))
            }
            await store.close()
        }
    }
}
