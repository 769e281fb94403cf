import Foundation
import GRDB
import XCTest
@testable import Store

final class SchemaTests: StoreTestCase {
    func testCreatingAndReopeningIsIdempotent() async throws {
        try await eachKind {
            let store = try await openStore()
            let applied = try await store.appliedMigrations()
            XCTAssertEqual(applied, ["v1-runs", "v2-no-risk-index"])
            let runs = try await store.runs()
            XCTAssertEqual(runs, [])
            await store.close()
            for _ in 0..<2 {
                let again = try await openStore()
                let reapplied = try await again.appliedMigrations()
                XCTAssertEqual(reapplied, ["v1-runs", "v2-no-risk-index"], "reopening applies nothing twice")
                await again.close()
            }
        }
    }

    func testAStoreWrittenByANewerProgramIsRefused() async throws {
        try await eachKind {
            let store = try await openStore()
            try await execute("INSERT INTO \(kind == .sqlite ? "grdb_migrations (identifier)" : "healthscore_migrations (name, applied_at)") VALUES ('v9-from-the-future'\(kind == .sqlite ? "" : ", 'now'"))", on: store)
            await store.close()
            do {
                let refused = try await openStore()
                await refused.close()
                XCTFail("a store with an unknown migration must be refused")
            } catch let error as StoreError {
                guard case .newerSchema(_, let names) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(names, ["v9-from-the-future"])
                XCTAssertTrue(error.description.contains("newer healthscore (migration v9-from-the-future); upgrade healthscore"), error.description)
            }
        }
    }

    func testReadingAStoreThatDoesNotExistFails() async throws {
        try await eachKind {
            do {
                let store = try await openStore(createIfMissing: false)
                await store.close()
                XCTFail("no store was created, so none may be opened for reading")
            } catch let error as StoreError {
                guard case .notFound = error else { return XCTFail("\(error)") }
            }
        }
    }

    /// The record types name the columns the migrations create, in both kinds.
    func testRecordColumnsMatchTheSchema() async throws {
        try await eachKind {
            let f = fixture
            let store = try await openStore()
            try await record(0, in: store)
            let run = try await store.runs()[0]
            let pairs = try await store.backend.changedAccounts(from: run, to: run, minimumDrop: -1000)
            XCTAssertEqual(pairs.count, f.scored[0].count)
            await store.close()
            let record = RunAccountRecord(runId: 1, accountId: "", name: "", owner: "", segment: "", mrr: nil, churnProbability: 0,
                                          healthScore: 0, tier: "", revenueAtRisk: 0, reasons: "", featureValues: Data(),
                                          contributionIntercept: 0, contributionSessionFrequency: 0, contributionSessionDuration: 0,
                                          contributionNps: 0, contributionMarketing: 0, contributionInteractions: 0,
                                          contributionTenure: 0, contributionAccountSize: 0)
            XCTAssertEqual(Set(try record.databaseDictionary.keys), Set(StoreSchema.runAccountColumns))
        }
    }
}
