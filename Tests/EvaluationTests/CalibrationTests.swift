import XCTest
@testable import Evaluation

final class CalibrationTests: XCTestCase {
    func testWilsonIntervalsAgainstPublishedValues() {
        // Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
        // comparison of seven methods. Statistics in Medicine 17, 857-872. Table I, method 3
        // (Wilson score interval without continuity correction), given to four decimals.
        let published: [(successes: Int, trials: Int, lower: Double, upper: Double)] = [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0000, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ]
        for row in published {
            let interval = WilsonInterval(successes: row.successes, trials: row.trials)!
            XCTAssertEqual(interval.lower, row.lower, accuracy: 5e-5, "\(row.successes)/\(row.trials)")
            XCTAssertEqual(interval.upper, row.upper, accuracy: 5e-5, "\(row.successes)/\(row.trials)")
        }
        // No trials: no interval.
        XCTAssertNil(WilsonInterval(successes: 0, trials: 0))
    }

    func testPredictionInsideTheIntervalMeansObservedInsideTheBandOfThePrediction() {
        // Wilson's interval inverts the score test, so the two readings of "honest" agree.
        for successes in 0...20 {
            let interval = WilsonInterval(successes: successes, trials: 20)!
            for step in 1..<100 {
                let p0 = Double(step) / 100
                let band = WilsonInterval.z95 * (p0 * (1 - p0) / 20).squareRoot()
                let observed = Double(successes) / 20
                // Skip the knife edge, where rounding decides.
                guard abs(abs(observed - p0) - band) > 1e-9 else { continue }
                XCTAssertEqual(interval.contains(p0), abs(observed - p0) <= band, "\(successes)/20 vs \(p0)")
            }
        }
    }

    func testDecilesOfPredictedChurn() {
        // Twenty accounts, numbered 1...20 and predicted 0.05 ... 1.00, given in scrambled
        // order; four bins of five. Churners: 3; none; 12 and 14; 16 to 19.
        let predicted = (1...20).map { Double($0) / 20 }
        let churned: Set<Int> = [3, 12, 14, 16, 17, 18, 19]
        let order = [7, 19, 2, 14, 11, 1, 20, 5, 16, 9, 13, 3, 18, 6, 10, 15, 4, 17, 8, 12]
        let table = CalibrationTable(probabilities: order.map { predicted[$0 - 1] },
                                     labels: order.map { churned.contains($0) ? 1 : 0 }, bins: 4)
        XCTAssertEqual(table.bins.map(\.accounts), [5, 5, 5, 5])
        // Bin means: (1+2+3+4+5)/100 = 0.15, then 0.40, 0.65, 0.90.
        for (bin, mean) in zip(table.bins, [0.15, 0.40, 0.65, 0.90]) {
            XCTAssertEqual(bin.meanPredicted, mean, accuracy: 1e-12)
        }
        XCTAssertEqual(table.bins.map(\.churned), [1, 0, 2, 4])
        // 1/5 -> (0.036, 0.624) holds 0.15; 0/5 -> (0, 0.434) holds 0.40; 2/5 -> (0.118, 0.769)
        // holds 0.65; 4/5 -> (0.376, 0.964) holds 0.90.
        XCTAssertEqual(table.bins.map(\.honest), [true, true, true, true])
        XCTAssertEqual(table.honestBins, 4)
        XCTAssertEqual(table.expectedChurners, 10.5, accuracy: 1e-12)
        XCTAssertEqual(table.observedChurners, 7)
    }

    func testAnOverconfidentBinIsCaught() {
        // Ten accounts all predicted 0.9, none churned: 0.9 is far outside (0, 0.278).
        let table = CalibrationTable(probabilities: Array(repeating: 0.9, count: 10), labels: Array(repeating: 0, count: 10), bins: 1)
        XCTAssertFalse(table.bins[0].honest)
        XCTAssertEqual(table.honestBins, 0)
    }

    func testUnevenCountsSplitAsEvenlyAsPossible() {
        let table = CalibrationTable(probabilities: (0..<10).map { Double($0) / 10 }, labels: Array(repeating: 0, count: 10), bins: 3)
        XCTAssertEqual(table.bins.map(\.accounts), [3, 3, 4])
        // Fewer accounts than bins: empty bins are left out, not shown as 0 of 0.
        XCTAssertEqual(CalibrationTable(probabilities: [0.1, 0.2], labels: [0, 1], bins: 10).bins.count, 2)
    }
}
