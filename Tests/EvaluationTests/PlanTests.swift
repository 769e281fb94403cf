import Ingest
import Modeling
import XCTest
@testable import Evaluation

final class PlanTests: XCTestCase {
    func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    func testDefaultsAreTheLatestMonthEndsWhoseOutcomesAreKnown() throws {
        let plan = try EvaluationPlan.make(dataEnd: day("2026-09-30"), horizonDays: 90)
        // 2026-09-30 - 90 days = 2026-07-02 -> month end 2026-06-30; minus 90 = 2026-04-01 -> 2026-03-31.
        XCTAssertEqual(plan.split.testAsOf, day("2026-06-30"))
        XCTAssertEqual(plan.split.trainAsOf, day("2026-03-31"))
        XCTAssertEqual(plan.split.trainingDays, ["2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31"].map(day))
        XCTAssertEqual(plan.folds.map(\.testAsOf), ["2025-09-30", "2025-12-31", "2026-03-31", "2026-06-30"].map(day))
        XCTAssertEqual(plan.folds.map(\.trainAsOf), ["2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31"].map(day))
        XCTAssertEqual(plan.folds.last, plan.split)
        // Every day needed once, oldest first: the first fold pools back to 2024-09-30.
        XCTAssertEqual(plan.snapshotDays.first, day("2024-09-30"))
        XCTAssertEqual(plan.snapshotDays.last, day("2026-06-30"))
        XCTAssertEqual(plan.snapshotDays.count, 8)
    }

    func testALongHorizonTrainsFurtherBack() throws {
        let plan = try EvaluationPlan.make(dataEnd: day("2026-09-30"), horizonDays: 180, folds: 2, pool: TrainingPool(days: 1))
        XCTAssertEqual(plan.split.testAsOf, day("2026-03-31"))
        XCTAssertEqual(plan.split.trainAsOf, day("2025-09-30"))
        // Each fold trains on the latest quarter end at least 180 days before its test day.
        XCTAssertEqual(plan.folds, [Fold(trainAsOf: day("2025-06-30"), testAsOf: day("2025-12-31")),
                                    Fold(trainAsOf: day("2025-09-30"), testAsOf: day("2026-03-31"))])
    }

    func testDaysThatWouldPeekAtTheFutureAreRefused() {
        XCTAssertThrowsError(try EvaluationPlan.make(dataEnd: day("2026-09-30"), horizonDays: 90, test: day("2026-08-31"))) {
            XCTAssertTrue("\($0)".contains("pick a test day on or before 2026-07-02"), "\($0)")
        }
        XCTAssertThrowsError(try EvaluationPlan.make(dataEnd: day("2026-09-30"), horizonDays: 90,
                                                     train: day("2026-05-31"), test: day("2026-06-30"))) {
            XCTAssertTrue("\($0)".contains("pick a training day on or before 2026-04-01"), "\($0)")
        }
    }

    func testExplicitDaysAndNoBacktest() throws {
        let plan = try EvaluationPlan.make(dataEnd: day("2026-09-30"), horizonDays: 90, train: day("2025-12-31"),
                                           test: day("2026-03-31"), folds: 0, pool: TrainingPool(days: 2))
        XCTAssertEqual(plan.split.trainingDays, [day("2025-09-30"), day("2025-12-31")])
        XCTAssertEqual(plan.folds, [])
        XCTAssertEqual(plan.snapshotDays, ["2025-09-30", "2025-12-31", "2026-03-31"].map(day))
    }
}
