import DataSources
import Exports
import Features
import Foundation
import Ingest
import Modeling
import Scoring
import TestSupport
import XCTest
@testable import Survival

/// Scoring with a survival model: the figures it adds, their files, and the model file.
final class SurvivalScoringTests: XCTestCase {
    /// The survival model of Data/ up to 2025-12-31 (cross-validated penalty), fitted once.
    static let fixture: (model: SurvivalModel, data: DatasetFolder) = {
        let data = try! DatasetFolder(path: SurvivalReferenceTests.data)
        let table = try! AccountMonthTable.build(data, through: CalendarDay("2025-12-31")!,
                                                 features: SurvivalTrainer.defaultFeatures)
        return (try! SurvivalTrainer().train(table, accounts: data.accounts).model, data)
    }()

    func score(_ terms: LifetimeTerms) throws -> ScoredSnapshot {
        let (model, data) = Self.fixture
        let snapshot = try Snapshot.build(data, asOf: CalendarDay("2026-03-31")!)
        return try Scorer(model: .survival(model), lifetime: terms).score(snapshot, accounts: data.accounts)
    }

    func testLifetimeValueIsMRRTimesExpectedLifetimeAtMarginOneUndiscounted() throws {
        let scored = try score(LifetimeTerms(margin: 1, annualDiscountRate: 0))
        let lifetimes = try XCTUnwrap(scored.lifetimes)
        XCTAssertEqual(lifetimes.count, scored.count)
        var withMRR = 0
        for index in 0..<scored.count {
            let figures = lifetimes[index]
            if let mrr = scored.account(at: index).mrr {
                withMRR += 1
                XCTAssertEqual(scored.lifetimeValue(at: index), mrr * figures.expectedLifetimeMonths)
            } else {
                XCTAssertNil(scored.lifetimeValue(at: index))
            }
            // Survival never rises with the horizon.
            XCTAssertLessThanOrEqual(figures.churn30, figures.churn90)
            XCTAssertLessThanOrEqual(figures.churn90, figures.churn180)
            XCTAssertLessThanOrEqual(figures.churn180, figures.churn365)
            XCTAssertGreaterThanOrEqual(figures.expectedLifetimeMonths, 1)
            // churn_probability is the chance over the model's horizon, and the tier follows it.
            XCTAssertEqual(scored.scores[index].churnProbability, figures.churn90)
            XCTAssertEqual(scored.scores[index].tier, TierThresholds().tier(forProbability: figures.churn90))
        }
        XCTAssertGreaterThan(withMRR, 400)
        // Discounting and the margin only lower the value.
        let discounted = try score(LifetimeTerms(margin: 0.8, annualDiscountRate: 0.1))
        for index in 0..<scored.count where scored.account(at: index).mrr != nil {
            XCTAssertLessThan(discounted.lifetimeValue(at: index)!, scored.lifetimeValue(at: index)!)
        }
    }

    func testScoreFilesCarryTheSurvivalColumnsBothWays() throws {
        let scored = try score(LifetimeTerms())
        let folder = TemporaryFolder()
        let csv = folder.path + "/scores.csv", json = folder.path + "/scores.json"
        try ScoreFile.write(scored, to: csv)
        try ScoreFile.write(scored, to: json)
        let header = try XCTUnwrap(String(decoding: Data(contentsOf: URL(fileURLWithPath: csv)), as: UTF8.self)
            .split(separator: "\n").first)
        XCTAssertEqual(header, "account_id,name,owner,segment,mrr,churn_probability,health_score,tier,revenue_at_risk,reasons,as_of,horizon_days,churn_probability_30d,churn_probability_90d,churn_probability_180d,churn_probability_365d,expected_lifetime_months,lifetime_value,margin,discount_rate")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [[String: Any]]
        for key in ["churn_probability_30d", "churn_probability_90d", "churn_probability_180d", "churn_probability_365d",
                    "expected_lifetime_months", "lifetime_value", "margin", "discount_rate"] {
            XCTAssertNotNil(object[0][key], key)
        }
        let fromJSON = try ScoreFile.read(path: json)
        XCTAssertEqual(fromJSON, scored.rows)
        let fromCSV = try ScoreFile.read(path: csv)
        XCTAssertEqual(fromCSV.count, scored.count)
        for (read, row) in zip(fromCSV, scored.rows) {
            let a = try XCTUnwrap(read.lifetime), b = try XCTUnwrap(row.lifetime)
            XCTAssertEqual(a.churnProbability365d, b.churnProbability365d, accuracy: 5e-7)
            XCTAssertEqual(a.expectedLifetimeMonths, b.expectedLifetimeMonths, accuracy: 0.005)
            XCTAssertEqual(a.lifetimeValue ?? -1, b.lifetimeValue ?? -1, accuracy: 0.005)
            XCTAssertEqual(a.discountRate, 0.1)
        }
        // A risk list keeps them.
        let list = folder.path + "/list.csv"
        try ScoreFile.write(RiskList(top: 3).apply(to: fromCSV), to: list, ranked: true)
        XCTAssertEqual(try ScoreFile.read(path: list).compactMap(\.lifetime).count, 3)
    }

    func testModelFilesOfBothKindsLoadAndOthersAreRefused() throws {
        let model = Self.fixture.model
        let folder = TemporaryFolder()
        let path = folder.write("survival.json", bytes: Array(try model.encoded()))
        XCTAssertEqual(try TrainedModel.load(path: path), .survival(model))
        let text = String(decoding: try model.encoded(), as: UTF8.self)
        XCTAssertTrue(text.contains("\"kind\" : \"discrete_time_hazard\""))
        XCTAssertTrue(text.contains("\"version\" : 2"))
        // A churn model is still version 1, without a kind, and loads as before.
        let churn = model.hazardModel
        let churnPath = folder.write("churn.json", bytes: Array(try churn.encoded()))
        XCTAssertEqual(try TrainedModel.load(path: churnPath), .churn(churn))
        XCTAssertEqual(try ChurnModel.load(path: churnPath), churn)
        XCTAssertFalse(String(decoding: try churn.encoded(), as: UTF8.self).contains("\"kind\""))
        // A survival file is not a churn model to a reader of churn models only.
        XCTAssertThrowsError(try ChurnModel.load(path: path)) { error in
            XCTAssertEqual(error as? ModelFileError, .otherVersion(path: path, found: 2))
        }
        let wrongKind = folder.write("other.json", text.replacingOccurrences(of: "discrete_time_hazard", with: "weibull"))
        XCTAssertThrowsError(try TrainedModel.load(path: wrongKind)) { error in
            guard case .notAModel? = error as? ModelFileError else { return XCTFail("\(error)") }
        }
        let later = folder.write("later.json", text.replacingOccurrences(of: "\"version\" : 2", with: "\"version\" : 3"))
        XCTAssertThrowsError(try TrainedModel.load(path: later)) { error in
            XCTAssertEqual(error as? ModelFileError, .otherVersion(path: later, found: 3))
            XCTAssertTrue(String(describing: error).contains("reads version 1 (a churn model) or 2 (a survival model)"))
        }
    }
}
