import Foundation
import TestSupport
import XCTest
import Features
import Ingest
import Modeling
@testable import Scoring

final class ScorerTests: XCTestCase {
    /// A two-feature model written by hand: logins (per SD, protective) and NPS.
    func handModel() -> ChurnModel {
        func coefficient(_ b: Double) -> Coefficient {
            Coefficient(estimate: b, standardError: 0.1, z: b / 0.1, pValue: 0.01, lower95: b - 0.2, upper95: b + 0.2)
        }
        func feature(_ name: String, _ family: SignalFamily, fill: Double, scale: Double, b: Double) -> ModelFeature {
            ModelFeature(name: name, family: family, formula: "", fill: fill, center: fill, scale: scale,
                         coefficient: coefficient(b))
        }
        let summary = TrainingSummary(accounts: 10, churned: 2, logLikelihood: -4, nullLogLikelihood: -5, deviance: 8,
                                      aic: 14, mcFaddenR2: 0.2, iterations: 5, converged: true, inSampleAUC: 0.8)
        return ChurnModel(asOf: CalendarDay("2026-01-31")!, horizonDays: 90, l2: 0, intercept: coefficient(-2),
                          features: [feature("logins_30d", .sessionFrequency, fill: log(11), scale: 1, b: -1.5),
                                     feature("nps_mean_180d", .nps, fill: 7, scale: 2, b: -0.8)],
                          training: summary, leftOut: [])
    }

    func testProbabilityHealthTierAndReasons() throws {
        let scorer = try Scorer(model: handModel())
        var signals = AccountSignals()
        signals.sessionsRecent = 0
        signals.sessionsBaseline = 40
        signals.baselineDays = 60
        signals.daysSinceLastSession = 35
        signals.npsAnswers = 2
        signals.npsScoreTotal = 6      // mean 3
        signals.npsDetractors = 2
        let account = Account(id: "A1", name: "Acme", mrr: 2000, startedOn: CalendarDay("2024-01-01")!)
        let row = scorer.score(signals, account: account, asOf: CalendarDay("2026-03-31")!)
        // logins: z = (0 - ln 11) / 1; contribution -1.5 z = 1.5 ln 11. NPS: z = (3 - 7) / 2 = -2,
        // contribution 1.6. Log-odds = -2 + 1.5 ln 11 + 1.6.
        let logOdds = -2 + 1.5 * log(11) + 1.6
        let p = 1 / (1 + exp(-logOdds))
        XCTAssertEqual(row.churnProbability, p, accuracy: 1e-14)
        XCTAssertEqual(row.healthScore, Int((100 * (1 - p)).rounded()))
        XCTAssertEqual(row.tier, .atRisk)
        XCTAssertEqual(row.revenueAtRisk, 2000 * p, accuracy: 1e-9)
        XCTAssertEqual(row.reasons, [
            "no logins in the last 30 days (last one 35 days ago)",
            "NPS answers average 3.0/10 in the last 180 days, typical 7.0 (2 of 2 answers from detractors)",
        ])
    }

    func testAnAverageAccountHasNoReasons() throws {
        let model = handModel()
        let scorer = try Scorer(model: model)
        var signals = AccountSignals()
        signals.sessionsRecent = 10    // ln 11 = the training mean
        // No NPS answer: filled with the mean, so NPS moves the score neither way.
        let row = scorer.score(signals, account: Account(id: "A", startedOn: CalendarDay("2025-01-01")!),
                               asOf: CalendarDay("2026-03-31")!)
        XCTAssertEqual(row.churnProbability, 1 / (1 + exp(2)), accuracy: 1e-14)
        XCTAssertEqual(row.reasons, [])
        XCTAssertEqual(row.revenueAtRisk, 0, "no MRR, no revenue at risk")
    }

    func testLoginDropReason() throws {
        let scorer = try Scorer(model: handModel())
        var signals = AccountSignals()
        signals.sessionsRecent = 5
        signals.sessionsBaseline = 28   // 14 per 30 days: 5 is 64% down
        signals.baselineDays = 60
        signals.npsAnswers = 1
        signals.npsScoreTotal = 7
        let row = scorer.score(signals, account: Account(id: "A", startedOn: CalendarDay("2025-01-01")!),
                               asOf: CalendarDay("2026-03-31")!)
        XCTAssertEqual(row.reasons, ["logins down 64% vs the previous 60 days (5 in the last 30 days)"])
    }

    /// Tiers are cut on the probability, not on the rounded health score: p = 0.503 shows
    /// as health 50 but is at_risk (health 49.7 is below 50), p = 0.253 (health 74.7) is watch.
    func testTiersAreCutOnTheProbability() throws {
        let defaults = TierThresholds()
        XCTAssertEqual(defaults.atRiskFrom, 0.5)
        XCTAssertEqual(defaults.watchFrom, 0.25)
        XCTAssertEqual(defaults.tier(forProbability: 0.503), .atRisk)
        XCTAssertEqual(defaults.tier(forProbability: 0.5), .atRisk)
        XCTAssertEqual(defaults.tier(forProbability: 0.4999), .watch)
        XCTAssertEqual(defaults.tier(forProbability: 0.253), .watch)
        XCTAssertEqual(defaults.tier(forProbability: 0.25), .watch)
        XCTAssertEqual(defaults.tier(forProbability: 0.2499), .healthy)

        // Thresholds given as health scores: at_risk when p >= (100 - 40) / 100 exactly.
        let tiers = TierThresholds(atRiskBelow: 40, watchBelow: 70)
        XCTAssertEqual(tiers.atRiskFrom, 0.6)
        XCTAssertEqual(tiers.watchFrom, 0.3)
        XCTAssertEqual(tiers.tier(forProbability: 0.6), .atRisk)
        XCTAssertEqual(tiers.tier(forProbability: 0.6.nextDown), .watch)
        XCTAssertEqual(tiers.tier(forProbability: 0.3), .watch)
        XCTAssertEqual(tiers.tier(forProbability: 0.3.nextDown), .healthy)

        // Through the scorer: an intercept-only model predicts logistic(intercept) for everyone.
        for (p, tier) in [(0.503, Tier.atRisk), (0.253, .watch), (0.2499, .healthy)] {
            var model = handModel()
            model.features = []
            model.intercept.estimate = log(p / (1 - p))
            let score = try Scorer(model: model).score(AccountSignals())
            XCTAssertEqual(score.churnProbability, p, accuracy: 1e-12)
            XCTAssertEqual(score.tier, tier, "p = \(p)")
        }
    }

    func testModelFileRoundTripAndRefusals() throws {
        let folder = TemporaryFolder()
        let model = handModel()
        let path = folder.write("m.json", bytes: Array(try model.encoded()))
        XCTAssertEqual(try ChurnModel.load(path: path), model)

        var other = model
        other.features[0].name = "logins_per_fortnight"
        let unknown = folder.write("u.json", bytes: Array(try other.encoded()))
        XCTAssertThrowsError(try ChurnModel.load(path: unknown)) { error in
            XCTAssertEqual(error as? ModelFileError, .unknownFeature("logins_per_fortnight"))
        }
        let notModel = folder.write("n.json", "{\"hello\": 1}")
        XCTAssertThrowsError(try ChurnModel.load(path: notModel)) { error in
            guard case .notAModel(let path, _)? = error as? ModelFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, notModel)
        }
    }
}
