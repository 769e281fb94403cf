import Foundation
import XCTest
@testable import Simulation

final class FailureTests: XCTestCase {
    func testInvalidConfigurationIsRejectedBeforeTouchingExistingFiles() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let existing = directory.appendingPathComponent("accounts.csv")
        try Data("account_id,started_on\nA1,2024-01-01\n".utf8).write(to: existing)

        var config = SimulationConfig(accounts: 10)
        config.end = config.start.adding(days: -1)
        XCTAssertThrowsError(try CustomerBaseSimulator.generate(config, into: directory)) { error in
            guard case SimulationError.invalidConfiguration(let message) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertTrue(message.contains("start"), message)
        }
        XCTAssertThrowsError(try CustomerBaseSimulator.generate(SimulationConfig(accounts: -1), into: directory))
        XCTAssertThrowsError(try CustomerBaseSimulator.generate(
            SimulationConfig(sessionsPerActiveUserPerWeek: .nan), into: directory))
        XCTAssertEqual(try String(contentsOf: existing, encoding: .utf8), "account_id,started_on\nA1,2024-01-01\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["accounts.csv"])
    }

    func testUnwritableFolderFailsWithoutLeavingFiles() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A folder path that runs through a regular file cannot be created, whoever runs the test.
        let blocker = directory.appendingPathComponent("not-a-folder")
        try Data().write(to: blocker)
        XCTAssertThrowsError(try CustomerBaseSimulator.generate(SimulationConfig(accounts: 5),
                                                                into: blocker.appendingPathComponent("out")))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["not-a-folder"])
    }

    func testEmptyBaseHasHeadersOnly() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = try CustomerBaseSimulator.generate(SimulationConfig(accounts: 0), into: directory)
        XCTAssertEqual(summary.accounts, 0)
        XCTAssertEqual(summary.churned, 0)
        for name in simulatedFileNames {
            XCTAssertEqual(summary.rows[name], 0)
            let table = try TestCSV.read(directory.appendingPathComponent(name))
            XCTAssertFalse(table.header.isEmpty)
            XCTAssertTrue(table.rows.isEmpty)
        }
    }
}
