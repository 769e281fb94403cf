import Ingest
import Modeling
import XCTest
@testable import Evaluation

/// Defaults that never claim what was not measured.
final class HonestDefaultsTests: XCTestCase {
    func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    func testTheDefaultTestDayHasChurners() throws {
        // Nobody churned in the horizon after June or May: the default steps back to April.
        let accounts = AccountTable([
            Account(id: "A1", startedOn: day("2025-01-01")),
            Account(id: "A2", startedOn: day("2025-01-01"), churnedOn: day("2026-06-15")),
        ])
        let churners = { EvaluationPlan.churners(accounts, on: $0, horizonDays: 90) }
        XCTAssertEqual(churners(day("2026-06-30")), 0)
        XCTAssertEqual(churners(day("2026-04-30")), 1)
        let plan = try EvaluationPlan.make(dataEnd: day("2026-09-30"), horizonDays: 90, churners: churners)
        XCTAssertEqual(plan.split.testAsOf, day("2026-05-31"))
        XCTAssertEqual(churners(plan.split.testAsOf), 1)
        // A test day given by the user is kept, churners or not.
        let given = try EvaluationPlan.make(dataEnd: day("2026-09-30"), horizonDays: 90, test: day("2026-06-30"),
                                            churners: churners)
        XCTAssertEqual(given.split.testAsOf, day("2026-06-30"))
        // Without any churner there is no default day at all.
        let none = AccountTable([Account(id: "A1", startedOn: day("2025-01-01"))])
        XCTAssertThrowsError(try EvaluationPlan.make(dataEnd: day("2026-09-30"), horizonDays: 90,
                                                     churners: { EvaluationPlan.churners(none, on: $0, horizonDays: 90) })) {
            guard case .noTestDayWithChurners(let latest, let months)? = $0 as? PlanError else { return XCTFail("\($0)") }
            XCTAssertEqual(latest, day("2026-07-02"))
            XCTAssertEqual(months, EvaluationPlan.searchMonths)
        }
    }

    func testTheBacktestSentenceCountsOnlyMeasuredFolds() {
        var tally = BacktestTally()
        tally.wins = 2
        tally.measured = 3
        XCTAssertEqual(tally.sentence(unit: "fold"), "in 2 of 3 folds where it could be measured")
        tally.unmeasured = 1
        tally.skipped = 1
        XCTAssertEqual(tally.sentence(unit: "quarter"),
                       "in 2 of 3 quarters where it could be measured (1 had no churner or no stayer on the test day; 1 could not be fitted, so nothing was measured there)")
    }
}
