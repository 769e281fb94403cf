import Foundation
import XCTest
@testable import Simulation

final class DeterminismTests: XCTestCase {
    private func generate(_ config: SimulationConfig) throws -> (SimulationSummary, [String: Data]) {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = try CustomerBaseSimulator.generate(config, into: directory)
        var files: [String: Data] = [:]
        for name in simulatedFileNames { files[name] = try Data(contentsOf: directory.appendingPathComponent(name)) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "temporary files left behind")
        return (summary, files)
    }

    func testSameSeedGivesIdenticalBytes() throws {
        let config = SimulationConfig(accounts: 150)
        let (firstSummary, first) = try generate(config)
        let (secondSummary, second) = try generate(config)
        for name in simulatedFileNames {
            XCTAssertEqual(first[name], second[name], "\(name) differs between runs")
            XCTAssertEqual(firstSummary.bytes[name], first[name]?.count, "summary bytes of \(name)")
        }
        XCTAssertEqual(firstSummary.rows, secondSummary.rows)
        XCTAssertEqual(firstSummary.churned, secondSummary.churned)
    }

    func testBatchSizeDoesNotChangeTheOutput() throws {
        let (_, batched) = try generate(SimulationConfig(accounts: 80, accountsPerBatch: 64))
        let (_, oneByOne) = try generate(SimulationConfig(accounts: 80, accountsPerBatch: 1))
        XCTAssertEqual(batched, oneByOne)
    }

    func testDifferentSeedGivesDifferentFiles() throws {
        let (_, first) = try generate(SimulationConfig(accounts: 150, seed: 42))
        let (_, second) = try generate(SimulationConfig(accounts: 150, seed: 43))
        for name in simulatedFileNames {
            XCTAssertNotEqual(first[name], second[name], "\(name) ignores the seed")
        }
    }

    func testSessionRateChangesOnlySessions() throws {
        let (lightSummary, light) = try generate(SimulationConfig(accounts: 120))
        let (heavySummary, heavy) = try generate(SimulationConfig(accounts: 120, sessionsPerActiveUserPerWeek: 1.0))
        for name in simulatedFileNames where name != "sessions.csv" {
            XCTAssertEqual(light[name], heavy[name], "\(name) moved with the session rate")
        }
        let lightSessions = Double(lightSummary.rows["sessions.csv"]!)
        let heavySessions = Double(heavySummary.rows["sessions.csv"]!)
        XCTAssertEqual(heavySessions / lightSessions, 4, accuracy: 0.4, "sessions should scale with the rate")
    }

    func testRandomStreamsAreReproducibleAndIndependent() {
        var first = RandomSource(seed: 7, account: 3, purpose: 1)
        var again = RandomSource(seed: 7, account: 3, purpose: 1)
        var otherAccount = RandomSource(seed: 7, account: 4, purpose: 1)
        var otherPurpose = RandomSource(seed: 7, account: 3, purpose: 2)
        let values = (0..<8).map { _ in first.next() }
        XCTAssertEqual(values, (0..<8).map { _ in again.next() })
        XCTAssertNotEqual(values, (0..<8).map { _ in otherAccount.next() })
        XCTAssertNotEqual(values, (0..<8).map { _ in otherPurpose.next() })
        // Pinned to the reference C xoshiro256** seeded by SplitMix64(42): a change to the
        // generator or its seeding would silently change every dataset.
        var pinned = RandomSource(seed: 42)
        XCTAssertEqual(pinned.next(), 1_546_998_764_402_558_742)
        XCTAssertEqual(pinned.next(), 6_990_951_692_964_543_102)
    }
}
