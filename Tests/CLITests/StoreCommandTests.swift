import Foundation
import Features
import Ingest
import Modeling
import Scoring
import Simulation
import Store
import TestSupport
import XCTest

/// `history` and `changes` through the real binary, on a store of two runs recorded
/// through the library (as `score --store` records them).
final class StoreCommandTests: XCTestCase {
    private func storeWithTwoRuns(in folder: TemporaryFolder) async throws -> (path: String, accountID: String) {
        var config = SimulationConfig()
        config.accounts = 300
        config.seed = 9
        _ = try CustomerBaseSimulator.generate(config, into: URL(fileURLWithPath: folder.path + "/data"))
        let dataset = try DatasetFolder(path: folder.path + "/data")
        let model = try ModelTrainer(l2: 1).train(try Snapshot.build(dataset, asOf: CalendarDay("2025-12-31")!),
                                                  accounts: dataset.accounts).model
        let scorer = try Scorer(model: model)
        let path = folder.path + "/runs.sqlite"
        let store = try await ScoreStore.open(.sqlite(path: path))
        var accountID = ""
        for day in ["2026-03-01", "2026-04-26"] {
            let scored = scorer.score(try Snapshot.build(dataset, asOf: CalendarDay(day)!), accounts: dataset.accounts)
            accountID = scored.account(at: 0).id
            _ = try await store.record(scored, model: model, modelFileBytes: try model.encoded(), thresholds: TierThresholds())
        }
        await store.close()
        return (path, accountID)
    }

    func testHistoryAndChangesReadTheStore() async throws {
        let folder = TemporaryFolder()
        let (path, accountID) = try await storeWithTwoRuns(in: folder)

        let json = try healthscore(["history", "--store", path, "--account", accountID, "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let history = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(history["account_id"] as? String, accountID)
        let runs = history["runs"] as! [[String: Any]]
        XCTAssertEqual(runs.map { $0["as_of"] as? String }, ["2026-03-01", "2026-04-26"])

        let table = try healthscore(["history", "--store", "sqlite:" + path, "--account", accountID])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.hasPrefix("as_of"), table.stdout)
        XCTAssertEqual(table.stdout.split(separator: "\n").count, 3)

        let csv = folder.path + "/changes.csv"
        let written = try healthscore(["changes", "--store", path, "--min-drop", "5", "--out", csv])
        XCTAssertEqual(written.status, 0, written.stderr)
        XCTAssertTrue(written.stdout.contains("2026-03-01 (run 1) -> 2026-04-26 (run 2), same model"), written.stdout)
        let lines = String(decoding: contents(csv)!, as: UTF8.self).split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("account_id,name,change,churn_probability_from"), String(lines[0]))
        XCTAssertGreaterThan(lines.count, 1)

        // The store named by the environment instead of --store.
        let printed = try run(["changes"], environment: ["HEALTHSCORE_STORE": path])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertTrue(printed.stdout.contains("largest terms"), printed.stdout)
    }

    func testAMissingStoreIsAnErrorAndIsNotCreated() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/none.sqlite"
        let result = try healthscore(["history", "--store", path, "--account", "A1"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("no score store there yet"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        let unnamed = try run(["changes"], environment: ["HEALTHSCORE_STORE": ""])
        XCTAssertNotEqual(unnamed.status, 0)
        XCTAssertTrue(unnamed.stderr.contains("HEALTHSCORE_STORE"), unnamed.stderr)
    }

    /// Runs the binary with extra environment variables.
    private func run(_ arguments: [String], environment: [String: String]) throws -> CommandResult {
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent("healthscore")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}
