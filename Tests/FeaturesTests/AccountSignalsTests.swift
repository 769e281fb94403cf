import XCTest
import Features
import Ingest

/// The signals keep counts and days in 32 bits; what goes in comes out, and a value past
/// that range is held at its end instead of stopping the program.
final class AccountSignalsTests: XCTestCase {
    func testCountsAndDaysComeBackAsWritten() {
        var signals = AccountSignals()
        XCTAssertEqual(signals.sessionsRecent, 0)
        XCTAssertNil(signals.daysSinceLastSession)
        XCTAssertNil(signals.seats)
        signals.sessionsRecent = 1_000_000
        signals.tenureDays = -3
        signals.daysSinceLastSession = 0
        signals.seats = Account.maximumSeats
        signals.npsScoreTotal += 7
        XCTAssertEqual(signals.sessionsRecent, 1_000_000)
        XCTAssertEqual(signals.tenureDays, -3)
        XCTAssertEqual(signals.daysSinceLastSession, 0)
        XCTAssertEqual(signals.seats, Account.maximumSeats)
        XCTAssertEqual(signals.npsScoreTotal, 7)
        signals.seats = nil
        XCTAssertNil(signals.seats)
    }

    func testValuesPast32BitsAreHeldAtTheEnds() {
        var signals = AccountSignals()
        signals.emailsSent = Int.max
        signals.tenureDays = Int.min
        signals.daysSinceLastSession = Int(Int32.max) + 1
        XCTAssertEqual(signals.emailsSent, Int(Int32.max))
        XCTAssertEqual(signals.tenureDays, Int(Int32.min))
        XCTAssertEqual(signals.daysSinceLastSession, Int(Int32.max))
    }

    func testSignalsAreEqualWhenTheirValuesAre() {
        var a = AccountSignals(), b = AccountSignals()
        a.interactions = 4
        XCTAssertNotEqual(a, b)
        b.interactions = 4
        XCTAssertEqual(a, b)
    }
}
