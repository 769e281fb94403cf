import Foundation
import TestSupport
import XCTest
import Features
import Ingest
import Modeling
import Simulation
@testable import Scoring

/// Scores as of T must not change when everything after T is deleted from the data:
/// events dated after T, accounts that start after T, and churn dates after T.
final class NoLookAheadTests: XCTestCase {
    func testScoresIgnoreEverythingAfterT() throws {
        let folder = TemporaryFolder()
        let full = folder.path + "/full"
        var config = SimulationConfig()
        config.accounts = 300
        config.seed = 11
        _ = try CustomerBaseSimulator.generate(config, into: URL(fileURLWithPath: full))

        let trainingDay = CalendarDay("2025-12-31")!
        let scoringDay = CalendarDay("2026-04-30")!
        let dataset = try DatasetFolder(path: full)
        let model = try ModelTrainer(l2: 0.1).train(try Snapshot.build(dataset, asOf: trainingDay),
                                                      accounts: dataset.accounts).model
        let scorer = try Scorer(model: model)
        let fullScores = scorer.score(try Snapshot.build(dataset, asOf: scoringDay), accounts: dataset.accounts).rows

        let cut = folder.path + "/cut"
        try truncate(full, into: cut, after: scoringDay)
        let cutDataset = try DatasetFolder(path: cut)
        XCTAssertLessThan(cutDataset.accounts.count, dataset.accounts.count, "some accounts start after T")
        let cutScores = scorer.score(try Snapshot.build(cutDataset, asOf: scoringDay), accounts: cutDataset.accounts).rows
        XCTAssertEqual(cutScores, fullScores)
        XCTAssertGreaterThan(fullScores.count, 100)
    }

    /// Copies a dataset keeping only what was known on `day`.
    private func truncate(_ source: String, into target: String, after day: CalendarDay) throws {
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for file in ["accounts.csv", "sessions.csv", "nps.csv", "marketing.csv", "interactions.csv"] {
            let reader = try CSVReader(path: source + "/" + file)
            var records: [[String]] = []
            while let record = try reader.nextRecord() { records.append((0..<record.count).map { record.string($0) }) }
            let header = records.removeFirst()
            var kept = [header]
            for var fields in records {
                if file == "accounts.csv" {
                    if CalendarDay(fields[header.firstIndex(of: "started_on")!])! > day { continue }
                    let churn = header.firstIndex(of: "churned_on")!
                    if let churned = CalendarDay(fields[churn]), churned > day { fields[churn] = "" }
                } else {
                    let time = header.firstIndex { $0.hasSuffix("_at") }!
                    if CalendarDay(String(fields[time].prefix(10)))! > day { continue }
                }
                kept.append(fields)
            }
            let text = kept.map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
            try text.write(toFile: target + "/" + file, atomically: true, encoding: .utf8)
        }
    }

    private func quote(_ field: String) -> String {
        field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
