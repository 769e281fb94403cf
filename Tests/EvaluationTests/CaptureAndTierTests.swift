import XCTest
@testable import Evaluation

final class CaptureAndTierTests: XCTestCase {
    // Ten accounts, riskiest first; three are tied at 0.7.
    let risk = [0.9, 0.8, 0.7, 0.7, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1]
    let labels: [Double] = [1, 0, 1, 1, 0, 0, 1, 0, 0, 0]
    let mrr = [100.0, 50, 200, 300, 10, 20, 400, 5, 5, 5]
    // Churners: 4, with 100 + 200 + 300 + 400 = 1,000 MRR.

    func testTopOfTheListWithoutTies() {
        let capture = CaptureRate(share: 0.2, risk: risk, labels: labels, mrr: mrr)
        // Top 2: the 0.9 churner (100) and the 0.8 stayer.
        XCTAssertEqual(capture.accounts, 2)
        XCTAssertEqual(capture.churnersCaught, 1)
        XCTAssertEqual(capture.churnerShare!, 0.25, accuracy: 1e-12)
        XCTAssertEqual(capture.revenueShare!, 0.1, accuracy: 1e-12)
    }

    func testATieAtTheCutCountsProRata() {
        let capture = CaptureRate(share: 0.3, risk: risk, labels: labels, mrr: mrr)
        // Top 3: two accounts plus one slot of the three tied at 0.7, which hold two
        // churners (200 + 300): 1/3 of them. Churners 1 + 2/3, revenue 100 + 500/3.
        XCTAssertEqual(capture.churnersCaught, 1 + 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(capture.churnerShare!, (1 + 2.0 / 3) / 4, accuracy: 1e-12)
        XCTAssertEqual(capture.revenueShare!, (100 + 500.0 / 3) / 1000, accuracy: 1e-12)
        // The whole tie inside the top half: 3 churners of 4, 600 of 1,000 MRR.
        let half = CaptureRate(share: 0.5, risk: risk, labels: labels, mrr: mrr)
        XCTAssertEqual(half.churnerShare!, 0.75, accuracy: 1e-12)
        XCTAssertEqual(half.revenueShare!, 0.6, accuracy: 1e-12)
    }

    func testTheOrderOfTiedAccountsDoesNotMatter() {
        let order = [0, 1, 4, 3, 2, 5, 6, 7, 8, 9]   // the tied three reversed
        let a = CaptureRate(share: 0.3, risk: risk, labels: labels, mrr: mrr)
        let b = CaptureRate(share: 0.3, risk: order.map { risk[$0] }, labels: order.map { labels[$0] }, mrr: order.map { mrr[$0] })
        XCTAssertEqual(a, b)
    }

    func testNoChurnersMeansNoShare() {
        let capture = CaptureRate(share: 0.1, risk: [0.5, 0.4], labels: [0, 0], mrr: [1, 1])
        XCTAssertNil(capture.churnerShare)
        XCTAssertNil(capture.revenueShare)
    }

    func testFlaggedTierPrecisionAndRecall() {
        let tier = FlaggedTier(name: "at_risk", flagged: risk.map { $0 >= 0.7 }, labels: labels)
        // Flagged: the five accounts at 0.7 or more, three of them churners; 4 churners in all.
        XCTAssertEqual(tier.flagged, 5)
        XCTAssertEqual(tier.churnersFlagged, 3)
        XCTAssertEqual(tier.precision!, 0.6, accuracy: 1e-12)
        XCTAssertEqual(tier.recall!, 0.75, accuracy: 1e-12)
        XCTAssertNil(FlaggedTier(name: "at_risk", flagged: risk.map { _ in false }, labels: labels).precision)
    }
}
