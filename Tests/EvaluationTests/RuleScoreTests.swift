import Features
import XCTest
@testable import Evaluation

final class RuleScoreTests: XCTestCase {
    func testPointsAddUpAsDocumented() {
        var s = AccountSignals()
        s.seats = 10
        s.sessionsRecent = 5            // half a login per seat: 40 x 0.5 = 20
        s.npsAnswers = 2
        s.npsScoreTotal = 16            // mean 8, a passive: 15
        s.ratingWeightedTotal = 3
        s.ratingWeightTotal = 1         // rating 3/5: 20 x (3 - 1) / 4 = 10
        s.emailsSent = 4
        s.emailOpens = 1                // open rate 0.25: 15 x 0.25 = 3.75
        XCTAssertEqual(RuleScore.score(s), 49)   // 48.75
        XCTAssertEqual(RuleScore.colour(for: 49), .yellow)
    }

    func testNoDataEarnsTheMiddleOfEachPart() {
        var s = AccountSignals()
        s.sessionsRecent = 0            // usage counts: 0 logins is 0 points
        // NPS 15 + interactions 10 + marketing 7.5 = 32.5, rounded half up.
        XCTAssertEqual(RuleScore.score(s), 33)
        XCTAssertEqual(RuleScore.colour(for: 33), .red)
    }

    func testAHappyHeavyUserIsGreenAndCapped() {
        var s = AccountSignals()
        s.sessionsRecent = 500          // no seat count: full points from 10 logins
        s.npsAnswers = 1
        s.npsScoreTotal = 10
        s.ratingWeightedTotal = 5
        s.ratingWeightTotal = 1
        s.emailsSent = 2
        s.emailOpens = 5                // more opens than sends: capped at 1
        XCTAssertEqual(RuleScore.score(s), 100)
        XCTAssertEqual(RuleScore.colour(for: 70), .green)
        XCTAssertEqual(RuleScore.colour(for: 69), .yellow)
        XCTAssertEqual(RuleScore.colour(for: 39), .red)
    }
}
