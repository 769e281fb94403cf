import XCTest
@testable import Ingest

final class CalendarTests: XCTestCase {
    func testKnownDays() {
        XCTAssertEqual(CalendarDay("1970-01-01")?.daysSinceEpoch, 0)
        XCTAssertEqual(CalendarDay("2000-03-01")?.daysSinceEpoch, 11_017)   // date -d 2000-03-01 +%s / 86400
        XCTAssertEqual(CalendarDay("2026-03-04")?.daysSinceEpoch, 20_516)
        XCTAssertEqual(CalendarDay("1969-12-31")?.daysSinceEpoch, -1)
    }

    func testRoundTripOverFourCenturies() {
        var day = CalendarDay("1900-01-01")!
        let last = CalendarDay("2300-12-31")!
        while day <= last {
            XCTAssertEqual(CalendarDay(day.description), day)
            day = day.adding(days: 1)
        }
    }

    func testInvalidDates() {
        for text in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-01-01", "2026/01/01", "2026-1-01", ""] {
            XCTAssertNil(CalendarDay(text), text)
        }
        XCTAssertNotNil(CalendarDay("2024-02-29"))
        XCTAssertNotNil(CalendarDay("2000-02-29"))
        XCTAssertNil(CalendarDay("1900-02-29"))
    }

    private func seconds(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { Timestamp.unixSeconds(UnsafeBufferPointer($0)) }
    }

    func testTimestamps() {
        let base = CalendarDay("2026-03-04")!.unixSeconds
        XCTAssertEqual(seconds("2026-03-04T10:15:00Z"), base + 36_900)
        XCTAssertEqual(seconds("2026-03-04 10:15:00"), base + 36_900)
        XCTAssertEqual(seconds("2026-03-04T10:15Z"), base + 36_900)
        XCTAssertEqual(seconds("2026-03-04T10:15:00.123456Z"), base + 36_900)
        XCTAssertEqual(seconds("2026-03-04T12:15:00+02:00"), base + 36_900)
        XCTAssertEqual(seconds("2026-03-04T05:15:00-0500"), base + 36_900)
        XCTAssertEqual(seconds("2026-03-04T13:15:00+03"), base + 36_900)
        XCTAssertEqual(seconds("2026-03-04"), base)
        for bad in ["2026-03-04T25:00:00Z", "2026-03-04T10:61Z", "2026-03-04T10:15:00Q", "2026-03-04X10:15",
                    "2026-03-04T10:15:00+2", "yesterday", "2026-02-30T00:00:00Z", "2026-03-04T10:15:00.Z"] {
            XCTAssertNil(seconds(bad), bad)
        }
    }

    func testOffsetMovesTheDay() {
        // 23:30 in New York on March 4th is March 5th in UTC, and days are UTC days.
        var bytes = Array("2026-03-04T23:30:00-05:00".utf8)
        let day = bytes.withUnsafeMutableBufferPointer { Timestamp.day(UnsafeBufferPointer($0)) }
        XCTAssertEqual(day, CalendarDay("2026-03-05"))
    }
}
