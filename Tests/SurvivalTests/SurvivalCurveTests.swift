import Foundation
import Modeling
import Simulation
import XCTest
@testable import Survival

/// The survival formulas on hazard sequences made by hand, against values worked out with
/// pencil and paper (the arithmetic is in the comments).
final class SurvivalCurveTests: XCTestCase {
    /// h = 0.1, 0.2, 0.5, and 0.5 for every later month.
    let curve = SurvivalCurve(hazards: [0.1, 0.2, 0.5])

    func testSurvivalMultipliesOneMinusTheHazards() {
        // S_1 = 0.9, S_2 = 0.9 x 0.8 = 0.72, S_3 = 0.72 x 0.5 = 0.36, S_5 = 0.36 x 0.5^2 = 0.09.
        XCTAssertEqual(curve.survival(months: 0), 1)
        XCTAssertEqual(curve.survival(months: 1), 0.9, accuracy: 1e-15)
        XCTAssertEqual(curve.survival(months: 2), 0.72, accuracy: 1e-15)
        XCTAssertEqual(curve.survival(months: 3), 0.36, accuracy: 1e-15)
        XCTAssertEqual(curve.survival(months: 5), 0.09, accuracy: 1e-15)
        // Within a month the rate is constant: S(2.5) = 0.72 x 0.5^0.5 = 0.72 x 0.7071068 = 0.5091169.
        XCTAssertEqual(curve.survival(months: 2.5), 0.5091169, accuracy: 1e-7)
        XCTAssertEqual(curve.hazard(month: 7), 0.5)
    }

    func testChurnWithinDaysUsesTheAverageMonth() {
        // 30 days = 30 / 30.4375 = 0.9856263 months: 1 - 0.9^0.9856263 = 1 - e^(-0.1053605 x 0.9856263)
        // = 1 - e^(-0.1038460) = 1 - 0.9013640 = 0.0986360.
        XCTAssertEqual(curve.churnProbability(withinDays: 30), 0.0986360, accuracy: 1e-7)
        // 90 days = 2.9568789 months: 1 - 0.72 x 0.5^0.9568789 = 1 - 0.72 x 0.5151869 = 0.6290774.
        XCTAssertEqual(curve.churnProbability(withinDays: 90), 0.6290774, accuracy: 1e-7)
        // 180 days = 5.9137577 months: 1 - 0.36 x 0.5^2.9137577 = 1 - 0.36 x 0.1327002 = 0.9522279.
        XCTAssertEqual(curve.churnProbability(withinDays: 180), 0.9522279, accuracy: 1e-7)
        // 365 days = 11.9917864 months: 1 - 0.36 x 0.5^8.9917864 = 0.9992929.
        XCTAssertEqual(curve.churnProbability(withinDays: 365), 0.9992929, accuracy: 1e-7)
    }

    func testExpectedLifetimeSumsTheTailInClosedForm() {
        // E = S_0 + S_1 + S_2 + S_3 + sum_(k >= 1) 0.36 x 0.5^k = 1 + 0.9 + 0.72 + 0.36 + 0.36 = 3.34.
        XCTAssertEqual(curve.expectedLifetimeMonths, 3.34, accuracy: 1e-14)
        // A constant hazard h gives E = 1 / h, the portfolio KPI's "1 / churn rate".
        XCTAssertEqual(SurvivalCurve(hazards: [0.05]).expectedLifetimeMonths, 20, accuracy: 1e-12)
        XCTAssertEqual(SurvivalCurve(hazards: [0.05, 0.05, 0.05]).expectedLifetimeMonths, 20, accuracy: 1e-12)
        // Certain to leave this month: this month's bill only.
        XCTAssertEqual(SurvivalCurve(hazards: [1]).expectedLifetimeMonths, 1)
        XCTAssertEqual(SurvivalCurve(hazards: [0]).expectedLifetimeMonths, .infinity)
    }

    func testDiscountingEachMonthAtTheMonthlyRate() {
        // v = 0.9 a month, i.e. an annual rate of 0.9^-12 - 1:
        // D = 1 + 0.9 x 0.9 + 0.72 x 0.81 + 0.36 x 0.729 / (1 - 0.5 x 0.9)
        //   = 1 + 0.81 + 0.5832 + 0.26244 / 0.55 = 2.3932 + 0.4771636 = 2.8703636.
        let rate = pow(0.9, -12.0) - 1
        XCTAssertEqual(curve.discountedLifetimeMonths(annualRate: rate), 2.8703636, accuracy: 1e-7)
        // 10% a year: v = 1.1^(-1/12) = 0.9920889; a constant 5% hazard gives
        // D = 1 / (1 - 0.95 x 0.9920889) = 1 / 0.0575155 = 17.38662.
        let constant = SurvivalCurve(hazards: [0.05])
        XCTAssertEqual(constant.discountedLifetimeMonths(annualRate: 0.10), 17.38662, accuracy: 1e-5)
        // At rate 0 discounting changes nothing, to the last bit.
        XCTAssertEqual(curve.discountedLifetimeMonths(annualRate: 0), curve.expectedLifetimeMonths)
    }

    func testLifetimeValueIsMRRTimesMarginTimesDiscountedMonths() {
        let figures = curve.figures(horizonDays: 90, annualDiscountRate: pow(0.9, -12.0) - 1)
        // 1,000 a month at a 80% margin: 1,000 x 0.8 x 2.8703636 = 2,296.29.
        let value = LifetimeTerms(margin: 0.8, annualDiscountRate: pow(0.9, -12.0) - 1).lifetimeValue(mrr: 1000, figures)
        XCTAssertEqual(value!, 2296.2909, accuracy: 1e-3)
        XCTAssertNil(LifetimeTerms().lifetimeValue(mrr: nil, figures))
        // Margin 1 and no discounting: MRR x expected lifetime, exactly.
        let plain = curve.figures(horizonDays: 90, annualDiscountRate: 0)
        XCTAssertEqual(LifetimeTerms(margin: 1, annualDiscountRate: 0).lifetimeValue(mrr: 1234.5, plain), 1234.5 * plain.expectedLifetimeMonths)
        XCTAssertEqual(plain.churnWithinHorizon, plain.churn90)
    }

    func testSurvivalNeverRisesWithTheHorizon() {
        var random = SplitMix64(seed: 13)
        for _ in 0..<50 {
            let hazards = (0..<Int.random(in: 1...30, using: &random)).map { _ in Double.random(in: 0...0.3, using: &random) }
            let curve = SurvivalCurve(hazards: hazards)
            var previous = 1.0
            for tenth in 0...600 {
                let s = curve.survival(months: Double(tenth) / 10)
                XCTAssertLessThanOrEqual(s, previous)
                previous = s
            }
            let f = curve.figures(horizonDays: 90, annualDiscountRate: 0.1)
            XCTAssertLessThanOrEqual(f.churn30, f.churn90)
            XCTAssertLessThanOrEqual(f.churn90, f.churn180)
            XCTAssertLessThanOrEqual(f.churn180, f.churn365)
            XCTAssertLessThanOrEqual(f.discountedLifetimeMonths, f.expectedLifetimeMonths)
        }
    }

    func testForecastAdvancesTenureAndDriftsTheScore() {
        // Intercept -3; tenure periods 0-2 months (baseline 0) and 3+ (baseline -1).
        let periods = TenurePeriods(starts: [0, 3])
        let held = HazardForecast(intercept: -3, periods: periods, baseline: [0, -1], drift: .held)
        // An account in its second month of tenure with score 0.5: months 1-2 at tenure 1-2,
        // month 3 on at tenure 3+.
        let h = held.hazards(tenureMonths: 1, score: 0.5)
        XCTAssertEqual(h.count, HazardForecast.explicitMonths)
        XCTAssertEqual(h[0], 1 / (1 + exp(2.5)), accuracy: 1e-15)
        XCTAssertEqual(h[1], 1 / (1 + exp(2.5)), accuracy: 1e-15)
        XCTAssertEqual(h[2], 1 / (1 + exp(3.5)), accuracy: 1e-15)
        XCTAssertEqual(h[119], h[2])
        // With drift rho = 0.5, sigma^2 = 0.8 around mean 0: month 2 has mean 0.25 and
        // variance 0.8, so eta = (-3 + 0.25) / sqrt(1 + pi x 0.8 / 8) = -2.75 / sqrt(1.3141593)
        // = -2.75 / 1.1463679 = -2.398881; month 3: mean 0.125, variance 0.25 x 0.8 + 0.8 = 1.0,
        // eta = (-4 + 0.125) / sqrt(1 + pi / 8) = -3.875 / 1.1801267 = -3.283546.
        let drifting = HazardForecast(intercept: -3, periods: periods, baseline: [0, -1],
                                      drift: ScoreDrift(persistence: 0.5, innovationVariance: 0.8, mean: 0, pairs: 10))
        let d = drifting.hazards(tenureMonths: 1, score: 0.5)
        XCTAssertEqual(d[0], h[0])
        XCTAssertEqual(d[1], 1 / (1 + exp(2.398881)), accuracy: 1e-7)
        XCTAssertEqual(d[2], 1 / (1 + exp(3.283546)), accuracy: 1e-7)
        // Far ahead the score has settled: variance 0.8 / (1 - 0.25) = 1.0667, mean 0.
        XCTAssertEqual(d[119], 1 / (1 + exp(4 / (1 + Double.pi * 0.8 / 0.75 / 8).squareRoot())), accuracy: 1e-12)
    }

    func testTenurePeriodsMergeUntilEachHasTenChurners() {
        // Churners by tenure month: 12 in month 1, 4 in month 4, 15 in month 8, 2 in month 30, 20 in month 40.
        var tenure: [Int32] = [], labels: [Double] = []
        for (month, churners) in [(1, 12), (4, 4), (8, 15), (30, 2), (40, 20)] {
            tenure += [Int32](repeating: Int32(month), count: churners + 5)
            labels += [Double](repeating: 1, count: churners) + [Double](repeating: 0, count: 5)
        }
        let periods = TenurePeriods(tenureMonths: tenure[...], labels: labels[...])
        // 3-5 (4) merges with 6-11 (15); 12-23 (0) with 24-35 (2) and then with 36+ (20).
        XCTAssertEqual(periods.starts, [0, 3, 12])
        XCTAssertEqual((0..<3).map(periods.name(of:)), ["tenure_0_2m", "tenure_3_11m", "tenure_12m_plus"])
        XCTAssertEqual(periods.index(ofMonth: 11), 1)
        XCTAssertEqual(periods.index(ofMonth: 500), 2)
        // The last period merges backwards.
        let few = TenurePeriods(tenureMonths: [1, 1, 40][...], labels: [1, 0, 1][...], candidates: [0, 36], minimumEvents: 1)
        XCTAssertEqual(few.starts, [0, 36])
        let none = TenurePeriods(tenureMonths: [1, 40][...], labels: [1, 0][...], candidates: [0, 36], minimumEvents: 1)
        XCTAssertEqual(none.starts, [0])
    }
}
