import Foundation
import GRDB
import XCTest
@testable import Store

/// SQLite's writer prepares the next block of rows on one core while it inserts the block
/// before: with blocks far smaller than the run, every row must still land once, as in one
/// block, and a failure in a later block must leave nothing of the run. Rows go in by
/// statements of many rows where a block has enough left, and one by one after: blocks of
/// one and seven rows use only the one-row statement, a whole run mostly the other.
final class BlockWriteTests: XCTestCase {
    func testRowsWrittenInManySmallBlocksEqualRowsWrittenInOne() throws {
        let f = StoreFixture.shared
        let run = try PendingRun(scored: f.scored[0], model: f.model, modelFileBytes: f.modelBytes,
                                 thresholds: f.thresholds, createdAt: Date(timeIntervalSince1970: 1_790_000_000))
        XCTAssertGreaterThan(run.count, 100, "the fixture's run spans many blocks of 7")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("block-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        func rows(blockSize: Int, interruptAfter: Int? = nil) throws -> [Row] {
            let queue = try DatabaseQueue(path: folder.appendingPathComponent("\(blockSize)-\(interruptAfter ?? -1).sqlite").path)
            try SQLiteMigrations.migrator.migrate(queue)
            try queue.writeWithoutTransaction { db in
                _ = try SQLiteRunWriter.write(run, interruptAfter: interruptAfter, blockSize: blockSize, in: db)
            }
            return try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM run_accounts ORDER BY rowid")
            }
        }

        let whole = try rows(blockSize: run.count)
        XCTAssertEqual(whole.count, run.count)
        XCTAssertEqual(try rows(blockSize: 7), whole)
        XCTAssertEqual(try rows(blockSize: 1), whole)
        XCTAssertEqual(try rows(blockSize: 2 * SQLiteRunWriter.rowsPerStatement + 3), whole)
        // A failure in the last block, after many blocks were inserted: nothing is kept.
        XCTAssertThrowsError(try rows(blockSize: 7, interruptAfter: run.count - 2)) { error in
            XCTAssertTrue(error is InterruptedWrite, "\(error)")
        }
        let kept = try DatabaseQueue(path: folder.appendingPathComponent("7-\(run.count - 2).sqlite").path)
        XCTAssertEqual(try kept.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM run_accounts") }, 0)
        XCTAssertEqual(try kept.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM runs") }, 0)
        // A failure halfway through a many-row statement of a later block: nothing is kept either.
        let mixed = 2 * SQLiteRunWriter.rowsPerStatement + 3
        let midBatch = mixed + SQLiteRunWriter.rowsPerStatement + SQLiteRunWriter.rowsPerStatement / 2
        XCTAssertLessThan(midBatch, run.count)
        XCTAssertThrowsError(try rows(blockSize: mixed, interruptAfter: midBatch)) { error in
            XCTAssertTrue(error is InterruptedWrite, "\(error)")
        }
        let none = try DatabaseQueue(path: folder.appendingPathComponent("\(mixed)-\(midBatch).sqlite").path)
        XCTAssertEqual(try none.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM run_accounts") }, 0)
        XCTAssertEqual(try none.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM runs") }, 0)
    }
}
