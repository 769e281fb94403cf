import Foundation
import TestSupport
import XCTest
import Features
import Ingest
import Modeling
import Simulation
@testable import Exports
@testable import Scoring

/// `score` writes its file straight from the scored snapshot, putting names and reasons
/// in words on the way; it must write exactly what writing the full rows writes.
final class ScoredExportTests: XCTestCase {
    /// A simulated base, a model trained on 2025-12-31 and its scores of 2026-03-31.
    private func scoredBase(accounts: Int, seed: UInt64, in folder: TemporaryFolder) throws
        -> (model: ChurnModel, scorer: Scorer, scored: ScoredSnapshot) {
        var config = SimulationConfig()
        config.accounts = accounts
        config.seed = seed
        _ = try CustomerBaseSimulator.generate(config, into: URL(fileURLWithPath: folder.path + "/data"))
        let dataset = try DatasetFolder(path: folder.path + "/data")
        let model = try ModelTrainer(l2: 1).train(try Snapshot.build(dataset, asOf: CalendarDay("2025-12-31")!),
                                                  accounts: dataset.accounts).model
        let scorer = try Scorer(model: model)
        return (model, scorer, scorer.score(try Snapshot.build(dataset, asOf: CalendarDay("2026-03-31")!),
                                            accounts: dataset.accounts))
    }

    func testScoredSnapshotWritesTheBytesOfItsRows() throws {
        let folder = TemporaryFolder()
        let scored = try scoredBase(accounts: 400, seed: 5, in: folder).scored
        let rows = scored.rows
        XCTAssertGreaterThan(rows.count, 200)
        XCTAssertGreaterThan(rows.filter { $0.reasons.count == 3 }.count, 10, "some accounts have three reasons")
        XCTAssertGreaterThan(rows.filter { $0.reasons.isEmpty }.count, 10, "some have none")

        for name in ["scores.csv", "scores.json"] {
            let direct = folder.path + "/direct-" + name, viaRows = folder.path + "/rows-" + name
            try ScoreFile.write(scored, to: direct)
            try ScoreFile.write(rows, to: viaRows)
            XCTAssertEqual(FileManager.default.contents(atPath: direct), FileManager.default.contents(atPath: viaRows), name)
            // CSV keeps six decimals of the probability; the words come back whole.
            let back = try ScoreFile.read(path: direct)
            XCTAssertEqual(back.map(\.accountID), rows.map(\.accountID), name)
            XCTAssertEqual(back.map(\.reasons), rows.map(\.reasons), name)
            XCTAssertEqual(back.map(\.tier), rows.map(\.tier), name)
        }
    }

    func testEachScoreMatchesScoringTheAccountAlone() throws {
        let (model, scorer, scored) = try scoredBase(accounts: 200, seed: 8, in: TemporaryFolder())
        let snapshot = scored.snapshot
        for index in 0..<scored.count {
            let alone = scorer.score(snapshot.signals[index], account: scored.account(at: index), asOf: snapshot.asOf)
            XCTAssertEqual(scored.row(at: index), alone)
            let logOdds = model.logOdds(snapshot.signals[index], definitions: try model.definitions())
            XCTAssertEqual(scored.scores[index].churnProbability, 1 / (1 + exp(-logOdds)), accuracy: 1e-12)
        }
    }

    /// Blocks formatted a wave at a time on all cores come out in row order, whatever
    /// the count of rows against blocks and waves.
    func testBlocksAreWrittenInRowOrder() throws {
        let folder = TemporaryFolder()
        for (rows, perBlock) in [(0, 5), (1, 5), (5, 5), (6, 5), (1000, 7), (10_000, 3)] {
            let path = folder.path + "/lines-\(rows)-\(perBlock).csv"
            let file = try AtomicFile(path: path)
            try CSVBlockWriter.write(rowCount: rows, rowsPerBlock: perBlock, to: file) { range, block in
                for row in range {
                    var line = CSVLine()
                    line.integer(row)
                    line.endRow()
                    let bytes = line.take()
                    block.end(withRoom: bytes.count).update(from: bytes, count: bytes.count)
                    block.count += bytes.count
                }
            }
            try file.commit()
            let expected = (0..<rows).map { "\($0)\n" }.joined()
            XCTAssertEqual(String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self), expected,
                           "\(rows) rows, \(perBlock) per block")
        }
    }
}
