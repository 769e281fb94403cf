import XCTest
@testable import Ingest

final class CalendarMonthsTests: XCTestCase {
    func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    func testMonthEndsStayMonthEnds() {
        XCTAssertEqual(day("2026-03-31").adding(months: -1), day("2026-02-28"))
        XCTAssertEqual(day("2024-03-31").adding(months: -1), day("2024-02-29"))
        XCTAssertEqual(day("2026-02-28").adding(months: 1), day("2026-03-31"))
        XCTAssertEqual(day("2026-06-30").adding(months: -3), day("2026-03-31"))
        XCTAssertEqual(day("2026-03-31").adding(months: -15), day("2024-12-31"))
    }

    func testOtherDaysAreClampedToTheMonth() {
        XCTAssertEqual(day("2026-01-30").adding(months: 1), day("2026-02-28"))
        XCTAssertEqual(day("2026-05-15").adding(months: -5), day("2025-12-15"))
        XCTAssertEqual(day("2026-05-15").adding(months: 0), day("2026-05-15"))
    }

    func testMonthEndOnOrBefore() {
        XCTAssertEqual(day("2026-07-02").monthEndOnOrBefore, day("2026-06-30"))
        XCTAssertEqual(day("2026-06-30").monthEndOnOrBefore, day("2026-06-30"))
        XCTAssertEqual(day("2026-01-01").monthEndOnOrBefore, day("2025-12-31"))
        XCTAssertTrue(day("2028-02-29").isMonthEnd)
        XCTAssertFalse(day("2026-02-27").isMonthEnd)
    }

    func testQuarters() {
        XCTAssertEqual(day("2026-08-17").quarterStart, day("2026-07-01"))
        XCTAssertEqual(day("2026-01-01").quarterStart, day("2026-01-01"))
        XCTAssertEqual(day("2026-12-31").quarterName, "2026 Q4")
    }
}
