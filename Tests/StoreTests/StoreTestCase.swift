import Foundation
import GRDB
import TestSupport
import XCTest
@testable import Store

/// The base of the store tests: `eachKind` runs a test's body against SQLite, then
/// against PostgreSQL (a throwaway server or HEALTHSCORE_TEST_POSTGRES; see `TestPostgres`).
///
/// One test method covers both kinds, rather than a subclass per kind: XCTest on Linux
/// does not find test methods a subclass inherits. Failures name the kind they happened in.
class StoreTestCase: XCTestCase {
    enum Kind: String { case sqlite, postgres }

    private(set) var kind = Kind.sqlite
    private var folder: TemporaryFolder!
    private var url: StoreURL!

    /// Runs `body` once per kind, each time with a new, empty store. When PostgreSQL tests
    /// are skipped (HEALTHSCORE_SKIP_POSTGRES=1), the SQLite part still runs, and the test
    /// then reports the skip.
    func eachKind(_ body: () async throws -> Void) async throws {
        var skipped: XCTSkip?
        for kind in [Kind.sqlite, .postgres] {
            self.kind = kind
            folder = TemporaryFolder()
            do {
                url = switch kind {
                case .sqlite: .sqlite(path: folder.path + "/store.sqlite")
                case .postgres: try StoreURL(try TestPostgres.freshStoreURL())
                }
            } catch let skip as XCTSkip {
                skipped = skip
                continue
            }
            try await body()
        }
        if let skipped { throw skipped }
    }

    override func recordFailure(withDescription description: String, inFile filePath: String, atLine lineNumber: Int,
                                expected: Bool) {
        super.recordFailure(withDescription: "[\(kind.rawValue)] " + description, inFile: filePath, atLine: lineNumber,
                            expected: expected)
    }

    var fixture: StoreFixture { StoreFixture.shared }

    /// This test's store (the same one each call), opened anew.
    func openStore(createIfMissing: Bool = true) async throws -> ScoreStore {
        try await ScoreStore.open(url, createIfMissing: createIfMissing)
    }

    var storeURL: StoreURL { url }

    /// Runs a statement on the store's database, around the store's own code.
    func execute(_ sql: String, on store: ScoreStore) async throws {
        switch store.backend {
        case let sqlite as SQLiteStore: try await sqlite.pool.write { try $0.execute(sql: sql) }
        case let postgres as PostgresStore: try await postgres.client.query(.init(unsafeSQL: sql))
        default: XCTFail("unknown store kind")
        }
    }

    /// Rows of run_accounts for `runID`.
    func accountRows(of runID: Int64, in store: ScoreStore) async throws -> Int {
        switch store.backend {
        case let sqlite as SQLiteStore:
            return try await sqlite.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM run_accounts WHERE run_id = ?", arguments: [runID])! }
        case let postgres as PostgresStore:
            for try await count in try await postgres.client.query("SELECT count(*) FROM run_accounts WHERE run_id = \(runID)").decode(Int.self) {
                return count
            }
            return -1
        default:
            XCTFail("unknown store kind")
            return -1
        }
    }

    /// SQLite's own check of the file; PostgreSQL keeps its files itself.
    func checkIntegrity(of store: ScoreStore) async throws {
        guard let sqlite = store.backend as? SQLiteStore else { return }
        let result = try await sqlite.pool.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        XCTAssertEqual(result, ["ok"])
    }

    /// Records `fixture.scored[day]` (or by the other model).
    @discardableResult
    func record(_ day: Int, other: Bool = false, in store: ScoreStore, interruptAfter: Int? = nil) async throws -> RecordedRun {
        try await Self.record(day, other: other, in: store, interruptAfter: interruptAfter)
    }

    /// `record` without the test case, for concurrent tasks.
    static func record(_ day: Int, other: Bool = false, in store: ScoreStore, interruptAfter: Int? = nil) async throws -> RecordedRun {
        let f = StoreFixture.shared
        return try await store.record(other ? f.scoredByOther[day] : f.scored[day], model: other ? f.otherModel : f.model,
                                      modelFileBytes: other ? f.otherModelBytes : f.modelBytes, thresholds: f.thresholds,
                                      createdAt: Date(), interruptAfter: interruptAfter)
    }
}
