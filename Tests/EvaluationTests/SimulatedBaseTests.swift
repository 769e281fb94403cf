import DataSources
import Jobs
import Features
import Foundation
import Ingest
import Modeling
import Simulation
import TestSupport
import XCTest
@testable import Evaluation

/// The whole check on a simulated base of 3,000 accounts: the fitted model must rank
/// churners better than every baseline, and its percentages must hold up by decile.
final class SimulatedBaseTests: XCTestCase {
    func testTheModelBeatsEveryBaselineAndItsDecilesAreHonest() throws {
        let folder = TemporaryFolder()
        var config = SimulationConfig()
        config.accounts = 3_000
        config.seed = 20_260_331
        _ = try CustomerBaseSimulator.generate(config, into: URL(fileURLWithPath: folder.path, isDirectory: true))
        let dataset = try DatasetFolder(path: folder.path)
        let plan = try EvaluationPlan.make(dataEnd: config.end, horizonDays: 90, train: CalendarDay("2025-12-31")!,
                                           test: CalendarDay("2026-03-31")!, folds: 2)
        let outcome = try EvaluateJob(plan: plan, check: HoldoutCheck()).run(dataset)
        let (evaluation, series) = (outcome.result, outcome.series)
        let holdout = evaluation.holdout

        // Four quarters pooled, all inside the history that starts on 2024-07-01.
        XCTAssertEqual(series.firstEventDay, config.start)
        XCTAssertEqual(holdout.trainingDays, ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"].map { CalendarDay($0)! })
        XCTAssertEqual(holdout.testAccounts, series[CalendarDay("2026-03-31")!]!.count)
        XCTAssertGreaterThan(holdout.testChurned, 100)

        let model = try XCTUnwrap(holdout[.model].auc)
        for baseline in ScoringMethod.baselines {
            XCTAssertGreaterThan(model, try XCTUnwrap(holdout[baseline].auc), "\(baseline.title)\n\(holdout.comparisonText)")
        }
        XCTAssertGreaterThan(model, 0.68, holdout.comparisonText)
        let calibration = try XCTUnwrap(holdout[.model].calibration)
        XCTAssertGreaterThanOrEqual(calibration.honestBins, 7, holdout.calibrationText)
        XCTAssertEqual(calibration.expectedChurners, Double(holdout.testChurned), accuracy: 0.25 * Double(holdout.testChurned))
        // The top of the model's list holds more churners than chance (10% of them).
        XCTAssertGreaterThan(try XCTUnwrap(holdout[.model].capture(at: 0.1)?.churnerShare), 0.2)

        // The backtest reuses the main split as its last fold and runs the one before it.
        XCTAssertEqual(evaluation.backtest.map(\.fold.testAsOf), [CalendarDay("2025-12-31")!, CalendarDay("2026-03-31")!])
        for fold in evaluation.backtest {
            let result = try XCTUnwrap(fold.result, fold.skipped ?? "")
            let auc = try XCTUnwrap(result[.model].auc)
            for baseline in ScoringMethod.baselines {
                XCTAssertGreaterThan(auc, try XCTUnwrap(result[baseline].auc), "\(fold.fold.testAsOf) \(baseline.title)")
            }
        }

        // Every model and baseline was judged on the same accounts.
        for method in holdout.methods {
            XCTAssertEqual(method.flaggedTier.churners, holdout.testChurned)
            XCTAssertEqual(method.capture(at: 0.2)?.churners, holdout.testChurned)
        }
        // What the JSON export holds.
        let json = try JSONSerialization.jsonObject(with: evaluation.jsonData()) as! [String: Any]
        let holdoutJSON = json["holdout"] as! [String: Any]
        XCTAssertEqual((holdoutJSON["methods"] as! [[String: Any]]).map { $0["method"] as! String },
                       ["healthscore_model", "logins_only", "nps_only", "rule_score"])
        XCTAssertEqual(holdoutJSON["test_as_of"] as? String, "2026-03-31")
    }

    func testPooledDaysBeforeTheHistoryAreLeftOut() throws {
        let folder = TemporaryFolder()
        var config = SimulationConfig()
        config.accounts = 300
        _ = try CustomerBaseSimulator.generate(config, into: URL(fileURLWithPath: folder.path, isDirectory: true))
        let dataset = try DatasetFolder(path: folder.path)
        let pool = TrainingPool()
        let asOf = CalendarDay("2025-03-31")!
        let series = try Snapshot.build(dataset, asOf: pool.days(endingOn: asOf))
        // History starts 2024-07-01: 180-day windows fit on 2024-12-31, not on 2024-09-30 or before.
        XCTAssertEqual(pool.days(endingOn: asOf), ["2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31"].map { CalendarDay($0)! })
        XCTAssertEqual(pool.usableDays(endingOn: asOf, in: series), [CalendarDay("2024-12-31")!, asOf])

        // A pooled fit sees every row of every day, each labelled by its own day's horizon.
        let trainer = ModelTrainer()
        let snapshots = pool.usableDays(endingOn: asOf, in: series).map { series[$0]! }
        let pooled = try trainer.train(snapshots, accounts: dataset.accounts)
        XCTAssertEqual(pooled.labels.count, snapshots.reduce(0) { $0 + $1.count })
        let expected = snapshots.flatMap { snapshot in
            snapshot.accountPositions.map { trainer.label(dataset.accounts.accounts[Int($0)], asOf: snapshot.asOf) }
        }
        XCTAssertEqual(pooled.labels, expected)
        XCTAssertEqual(pooled.model.asOf, asOf)
        XCTAssertEqual(pooled.model.training.accounts, pooled.labels.count)
    }
}
