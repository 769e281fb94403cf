import Foundation
import XCTest
@testable import Store

final class DurabilityTests: StoreTestCase {
    /// A write that fails half-way (here: made to throw inside the transaction after 100
    /// accounts) leaves no partial run, and a failed replacement keeps the run it would
    /// have replaced.
    func testAFailedWriteLeavesTheStoreAsItWas() async throws {
        try await eachKind {
            let store = try await openStore()
            let kept = try await record(0, in: store)
            for day in [1, 0] {
                do {
                    try await record(day, in: store, interruptAfter: 100)
                    XCTFail("the write was to be interrupted")
                } catch {
                    XCTAssertTrue("\(error)".contains("interrupted"), "\(error)")
                }
            }
            let runs = try await store.runs()
            XCTAssertEqual(runs, [kept.run])
            let rows = try await accountRows(of: kept.run.id, in: store)
            XCTAssertEqual(rows, fixture.scored[0].count)
            try await checkIntegrity(of: store)
            // The store still takes writes.
            let next = try await record(1, in: store)
            XCTAssertFalse(next.replaced)
            await store.close()
        }
    }

    /// Two writers with stores of their own (as two processes have) at once: both finish,
    /// one after the other, and the store is intact.
    func testTwoWritersAtOnceBothComplete() async throws {
        try await eachKind {
            let first = try await openStore(), second = try await openStore()
            async let a = Self.record(0, in: first)
            async let b = Self.record(1, other: true, in: second)
            let (runA, runB) = try await (a, b)
            // The same day and model from both: one replaces the other.
            async let c = Self.record(2, in: first)
            async let d = Self.record(2, in: second)
            let (runC, runD) = try await (c, d)
            XCTAssertEqual([runC.replaced, runD.replaced].filter { $0 }.count, 1)
            let runs = try await first.runs()
            XCTAssertEqual(runs.count, 3)
            XCTAssertEqual(Set(runs.map(\.id)), [runA.run.id, runB.run.id, runC.replaced ? runC.run.id : runD.run.id])
            for run in runs {
                let rows = try await accountRows(of: run.id, in: first)
                XCTAssertEqual(rows, run.accountCount)
            }
            try await checkIntegrity(of: first)
            await first.close()
            await second.close()
        }
    }
}
