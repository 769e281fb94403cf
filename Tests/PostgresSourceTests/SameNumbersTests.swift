import Features
import Foundation
import Ingest
import Jobs
import Modeling
import Scoring
import Simulation
import TestSupport
import XCTest
@testable import DataSources

/// A simulated base loaded into PostgreSQL gives the numbers its CSV files give: the same
/// signals for several days (the push-down SQL against `Features`), the same model and the
/// same scores.
final class SameNumbersTests: XCTestCase {
    /// Days across the history, including a quarter end the training pools.
    let days = ["2025-03-31", "2025-09-30", "2025-12-31", "2026-03-31", "2026-06-30", "2026-08-15"].map { CalendarDay($0)! }

    func testTheDatabaseGivesTheFoldersSignalsModelAndScores() async throws {
        let folder = TemporaryFolder()
        var config = SimulationConfig()
        config.accounts = 800
        config.seed = 20_260_412
        _ = try CustomerBaseSimulator.generate(config, into: URL(fileURLWithPath: folder.path, isDirectory: true))
        let database = try PostgresFixture()
        let loaded = try await database.load(folder.path)
        XCTAssertEqual(loaded.accounts, 800)
        XCTAssertEqual(loaded.missing, [])

        let csv: any DataSource = try DatasetFolder(path: folder.path)
        let sql: any DataSource = try database.open()
        XCTAssertEqual(sql.accounts.accounts, csv.accounts.accounts, "the simulator's ids sort in file order")
        XCTAssertEqual(try sql.latestDay(), try csv.latestDay())

        // Signals, day by day, account by account; the days asked for in a shuffled order, one twice.
        let asked = [days[3], days[0], days[5], days[1], days[3], days[2], days[4]]
        let fromCSV = try csv.snapshots(asOf: asked)
        let fromSQL = try sql.snapshots(asOf: asked)
        XCTAssertEqual(fromSQL.firstEventDay, fromCSV.firstEventDay)
        var largest = 0.0
        for (expected, found) in zip(fromCSV.snapshots, fromSQL.snapshots) {
            XCTAssertEqual(found.asOf, expected.asOf)
            XCTAssertEqual(found.reports, expected.reports)
            XCTAssertEqual(found.missingFiles, expected.missingFiles)
            XCTAssertEqual(found.accountPositions, expected.accountPositions)
            XCTAssertGreaterThan(expected.count, 200)
            for (a, b) in zip(expected.signals, found.signals) {
                largest = max(largest, try compare(a, b, "\(expected.asOf)"))
            }
        }
        print("largest difference in a signal: \(largest)")

        // The portfolio figures of a quarter.
        let first = CalendarDay("2026-04-01")!, last = CalendarDay("2026-06-30")!
        XCTAssertEqual(try sql.activity(from: first, to: last), try csv.activity(from: first, to: last))

        // The model: the same coefficients, standard errors and penalty.
        let train = TrainJob(asOf: days[3])
        let modelCSV = try train.run(csv).fit.model
        let modelSQL = try train.run(sql).fit.model
        XCTAssertEqual(modelSQL.l2, modelCSV.l2)
        XCTAssertEqual(modelSQL.features.map(\.name), modelCSV.features.map(\.name))
        var coefficients = abs(modelSQL.intercept.estimate - modelCSV.intercept.estimate)
        for (a, b) in zip(modelCSV.features, modelSQL.features) {
            coefficients = max(coefficients, abs(a.coefficient.estimate - b.coefficient.estimate),
                               abs(a.coefficient.standardError - b.coefficient.standardError),
                               abs(a.center - b.center), abs(a.scale - b.scale), abs(a.fill - b.fill))
        }
        XCTAssertLessThan(coefficients, 1e-8)
        print("largest difference in the model: \(coefficients)")

        // The scores of two days, each source with its own model.
        let scoreDays = [days[4], days[5]]
        let scoredCSV = try ScoreJob(scorer: try Scorer(model: modelCSV), days: scoreDays).run(csv)
        let scoredSQL = try ScoreJob(scorer: try Scorer(model: modelSQL), days: scoreDays).run(sql)
        XCTAssertEqual(scoredSQL.notices, scoredCSV.notices)
        var scores = 0.0
        for (a, b) in zip(scoredCSV.scored, scoredSQL.scored) {
            XCTAssertEqual(a.count, b.count)
            for index in 0..<a.count {
                XCTAssertEqual(a.account(at: index).id, b.account(at: index).id)
                scores = max(scores, abs(a.scores[index].churnProbability - b.scores[index].churnProbability))
                XCTAssertEqual(a.scores[index].tier, b.scores[index].tier)
                XCTAssertEqual(Array(a.scores[index].reasons), Array(b.scores[index].reasons))
            }
        }
        XCTAssertLessThan(scores, 1e-9)
        print("largest difference in a churn probability: \(scores)")
    }

    /// Counts and medians must be equal; the recency-weighted sums may differ in their
    /// last bits (the same terms added in another order). Returns the largest difference.
    private func compare(_ a: AccountSignals, _ b: AccountSignals, _ day: String,
                         file: StaticString = #filePath, line: UInt = #line) throws -> Double {
        var exact = b
        exact.ratingWeightedTotal = a.ratingWeightedTotal
        exact.ratingWeightTotal = a.ratingWeightTotal
        XCTAssertEqual(exact, a, day, file: file, line: line)
        let weighted = abs(a.ratingWeightedTotal - b.ratingWeightedTotal)
        let weights = abs(a.ratingWeightTotal - b.ratingWeightTotal)
        XCTAssertLessThanOrEqual(weighted, 1e-9, day, file: file, line: line)
        XCTAssertLessThanOrEqual(weights, 1e-9, day, file: file, line: line)
        return max(weighted, weights)
    }
}
