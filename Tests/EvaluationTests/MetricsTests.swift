import Foundation
import Modeling
import Simulation
import XCTest
@testable import Evaluation

/// Six accounts worked out by hand:
///
///     account  p     churned
///     1        0.9   yes
///     2        0.6   no
///     3        0.6   yes      (tied with 2)
///     4        0.4   no
///     5        0.2   yes
///     6        0.1   no
final class MetricsTests: XCTestCase {
    let p = [0.9, 0.6, 0.6, 0.4, 0.2, 0.1]
    let y: [Double] = [1, 0, 1, 0, 1, 0]

    func testAUCCountsPairsWithTiesAsHalf() {
        // Churner/stayer pairs: 0.9 beats all three stayers (3); 0.6 ties 0.6 and beats
        // 0.4 and 0.1 (2.5); 0.2 beats only 0.1 (1). 6.5 of 9 pairs.
        XCTAssertEqual(RankMetrics.auc(probabilities: p, labels: y)!, 6.5 / 9, accuracy: 1e-12)
    }

    func testROCCurveStepsThroughTiesAndItsAreaIsTheAUC() {
        let points = ROCCurve.points(risk: p, labels: y)
        let expected: [(Double, Double)] = [(0, 0), (0, 1.0 / 3), (1.0 / 3, 2.0 / 3), (2.0 / 3, 2.0 / 3), (2.0 / 3, 1), (1, 1)]
        XCTAssertEqual(points.count, expected.count)
        for (point, (x, tpr)) in zip(points, expected) {
            XCTAssertEqual(point.falsePositiveRate, x, accuracy: 1e-12)
            XCTAssertEqual(point.truePositiveRate, tpr, accuracy: 1e-12)
        }
        // Trapezoids: 1/3 x (1/3 + 2/3) / 2 + 1/3 x 2/3 + 1/3 x 1 = 13/18 = 6.5/9.
        XCTAssertEqual(ROCCurve.area(points), 13.0 / 18, accuracy: 1e-12)
    }

    func testROCAreaMatchesTheRankStatisticOnManyTies() {
        var generator = SplitMix64(seed: 20_261_130)
        for _ in 0..<20 {
            let risk = (0..<200).map { _ in Double(Int.random(in: 0...20, using: &generator)) }
            let labels = (0..<200).map { _ in Double(Int.random(in: 0...3, using: &generator) == 0 ? 1 : 0) }
            guard let auc = RankMetrics.auc(probabilities: risk, labels: labels) else { continue }
            XCTAssertEqual(ROCCurve.area(ROCCurve.points(risk: risk, labels: labels)), auc, accuracy: 1e-12)
        }
    }

    func testBrierScore() {
        // (0.1^2 + 0.6^2 + 0.4^2 + 0.4^2 + 0.8^2 + 0.1^2) / 6 = 1.34 / 6
        XCTAssertEqual(ProbabilityMetrics.brierScore(probabilities: p, labels: y)!, 1.34 / 6, accuracy: 1e-12)
    }

    func testLogLoss() {
        // -(ln 0.9 + ln 0.4 + ln 0.6 + ln 0.6 + ln 0.2 + ln 0.9) / 6
        let expected = -(2 * log(0.9) + log(0.4) + 2 * log(0.6) + log(0.2)) / 6
        XCTAssertEqual(expected, 0.626350, accuracy: 1e-6)
        XCTAssertEqual(ProbabilityMetrics.logLoss(probabilities: p, labels: y)!, expected, accuracy: 1e-12)
    }

    func testACertainMissCostsALargeFiniteLogLoss() {
        let loss = ProbabilityMetrics.logLoss(probabilities: [1, 0], labels: [0, 1])!
        // Each miss costs about -ln(1e-15) = 34.54 (1 - 1e-15 is not exact in binary).
        XCTAssertEqual(loss, -log(1e-15), accuracy: 1e-2)
        XCTAssertNil(ProbabilityMetrics.logLoss(probabilities: [], labels: []))
    }

    func testMethodResultPutsTheMeasuresTogether() {
        let mrr = [100.0, 50, 200, 300, 400, 5]
        let result = MethodResult(method: .model, risk: p, probabilities: p, flagged: p.map { $0 >= 0.5 },
                                  flaggedTierName: "at_risk", labels: y, mrr: mrr)
        XCTAssertEqual(result.auc!, 6.5 / 9, accuracy: 1e-12)
        XCTAssertEqual(result.brierScore!, 1.34 / 6, accuracy: 1e-12)
        // Flagged (p >= 0.5): accounts 1, 2, 3; churners among them 1 and 3.
        XCTAssertEqual(result.flaggedTier.flagged, 3)
        XCTAssertEqual(result.flaggedTier.precision!, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(result.flaggedTier.recall!, 2.0 / 3, accuracy: 1e-12)
        // The top 20% of 6 is round(1.2) = 1 account: account 1, one churner of three, 100 of 700 MRR.
        let top = result.capture(at: 0.2)!
        XCTAssertEqual(top.accounts, 1)
        XCTAssertEqual(top.churnerShare!, 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(top.revenueShare!, 100.0 / 700, accuracy: 1e-12)
        XCTAssertNil(MethodResult(method: .ruleScore, risk: p, probabilities: nil, flagged: p.map { _ in false },
                                  flaggedTierName: "red", labels: y, mrr: mrr).logLoss)
    }
}
