import Foundation
import TestSupport
import XCTest
import Features
import Ingest
@testable import Modeling

/// Training outcomes on small hand-made bases: what a user sees when the history cannot
/// support a model, and what the model keeps when it can.
final class ModelTrainerTests: XCTestCase {
    let asOf = CalendarDay("2026-03-31")!

    /// 20 accounts started on the same day; `churners` of them churn on 2026-05-01.
    /// Each answered NPS once: `npsOf(index, churns)`.
    func makeBase(churners: Int, npsOf: (Int, Bool) -> Int) -> TemporaryFolder {
        let folder = TemporaryFolder()
        var accounts = "account_id,started_on,churned_on\n"
        var nps = "account_id,responded_at,score\n"
        for i in 0..<20 {
            let churns = i < churners
            accounts += "A\(i),2025-01-01,\(churns ? "2026-05-01" : "")\n"
            nps += "A\(i),2026-03-01,\(npsOf(i, churns))\n"
        }
        folder.write("accounts.csv", accounts)
        folder.write("nps.csv", nps)
        return folder
    }

    func train(_ folder: TemporaryFolder, l2: Double = 0) throws -> TrainingResult {
        let data = try DatasetFolder(path: folder.path)
        return try ModelTrainer(horizonDays: 90, l2: l2).train(try Snapshot.build(data, asOf: asOf), accounts: data.accounts)
    }

    func testFeaturesWithoutInformationAreLeftOutWithTheReason() throws {
        // Overlapping NPS answers: learnable, not separable.
        let result = try train(makeBase(churners: 6) { i, _ in [3, 9, 6, 8, 10, 5][i % 6] })
        XCTAssertEqual(result.model.features.map(\.name), ["nps_mean_180d"])
        XCTAssertTrue(result.model.leftOut.contains("logins_30d: sessions.csv is missing"), "\(result.model.leftOut)")
        XCTAssertTrue(result.model.leftOut.contains("email_open_rate_90d: marketing.csv is missing"))
        XCTAssertTrue(result.model.leftOut.contains("tenure_months: every account has the same value"))
        XCTAssertTrue(result.model.leftOut.contains("mrr: no account has a value"))
        XCTAssertEqual(result.model.training.accounts, 20)
        XCTAssertEqual(result.model.training.churned, 6)
        XCTAssertEqual(result.labels, (0..<20).map { $0 < 6 ? 1 : 0 })
        // Standardisation is the training mean and sample deviation of the column.
        let values = (0..<20).map { Double([3, 9, 6, 8, 10, 5][$0 % 6]) }
        let mean = values.reduce(0, +) / 20
        let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 19).squareRoot()
        XCTAssertEqual(result.model.features[0].center, mean, accuracy: 1e-12)
        XCTAssertEqual(result.model.features[0].scale, sd, accuracy: 1e-12)
    }

    func testCollinearFeatureIsLeftOutLikeAnAliasedCoefficient() throws {
        let folder = makeBase(churners: 6) { i, _ in [3, 9, 6, 8, 10, 5][i % 6] }
        // MRR equal to seats everywhere: ln(1 + mrr) and ln(1 + seats) are the same column.
        var accounts = "account_id,started_on,churned_on,mrr,seats\n"
        for i in 0..<20 { accounts += "A\(i),2025-01-01,\(i < 6 ? "2026-05-01" : ""),\(i % 7 + 1),\(i % 7 + 1)\n" }
        folder.write("accounts.csv", accounts)
        let result = try train(folder)
        XCTAssertEqual(result.model.features.map(\.name), ["nps_mean_180d", "mrr"])
        XCTAssertTrue(result.model.leftOut.contains { $0.hasPrefix("seats: carries no information beyond") && $0.contains("mrr") },
                      "\(result.model.leftOut)")
    }

    func testSeparatedHistorySuggestsThePenalty() throws {
        // Every churner answered 0 and everybody else 10: NPS alone decides the label.
        let folder = makeBase(churners: 5) { _, churns in churns ? 0 : 10 }
        XCTAssertThrowsError(try train(folder)) { error in
            guard case .fit(.separation(let column, _))? = error as? TrainingError else {
                return XCTFail("expected a separation, got \(error)")
            }
            XCTAssertEqual(column, "nps_mean_180d")
            XCTAssertFalse(String(describing: error).contains("\n"))
        }
        let penalised = try train(folder, l2: 1)
        XCTAssertTrue(penalised.fit.converged)
        XCTAssertLessThan(penalised.model.features[0].coefficient.estimate, 0, "higher NPS, lower risk")
    }

    func testNoSurvivorsAndNoChurnersAreRefused() throws {
        let day = CalendarDay("2026-03-31")!
        XCTAssertThrowsError(try train(makeBase(churners: 20) { _, _ in 5 })) { error in
            XCTAssertEqual(error as? TrainingError, .oneClass(churned: true, accounts: 20, days: [day], horizonDays: 90))
        }
        XCTAssertThrowsError(try train(makeBase(churners: 0) { _, _ in 5 })) { error in
            XCTAssertEqual(error as? TrainingError, .oneClass(churned: false, accounts: 20, days: [day], horizonDays: 90))
        }
    }

    func testNobodyLiveOnTheDay() throws {
        let folder = makeBase(churners: 3) { _, _ in 5 }
        let data = try DatasetFolder(path: folder.path)
        let early = CalendarDay("2024-06-30")!
        XCTAssertThrowsError(try ModelTrainer().train(try Snapshot.build(data, asOf: early), accounts: data.accounts)) { error in
            XCTAssertEqual(error as? TrainingError, .noCustomers(days: [early]))
        }
    }

    func testLabelWindowIsAfterTUpToTheHorizon() {
        let trainer = ModelTrainer(horizonDays: 90)
        func label(_ churned: String?) -> Double {
            trainer.label(Account(id: "A", startedOn: CalendarDay("2025-01-01")!, churnedOn: churned.flatMap(CalendarDay.init)),
                          asOf: asOf)
        }
        XCTAssertEqual(label(nil), 0)
        XCTAssertEqual(label("2026-04-01"), 1)      // T + 1
        XCTAssertEqual(label("2026-06-29"), 1)      // T + 90
        XCTAssertEqual(label("2026-06-30"), 0)      // T + 91
    }

    /// Pooled days repeat accounts: an unpenalised fit reports standard errors clustered by
    /// account; a penalised fit, or a fit of one day, keeps the model-based ones.
    func testPooledUnpenalisedFitsClusterByAccount() throws {
        let folder = TemporaryFolder()
        var accounts = "account_id,started_on,churned_on\n"
        var nps = "account_id,responded_at,score\n"
        for i in 0..<40 {
            // Ten churn after the second day, six after the first (so they are gone by the second).
            let churned = i < 10 ? "2026-05-01" : i < 16 ? "2026-02-01" : ""
            accounts += "A\(i),2025-01-01,\(churned)\n"
            nps += "A\(i),2025-10-15,\([3, 9, 6, 8, 10, 5, 7][i % 7])\n"
            nps += "A\(i),2026-03-01,\([8, 4, 10, 6, 9][i % 5])\n"
        }
        folder.write("accounts.csv", accounts)
        folder.write("nps.csv", nps)
        let data = try DatasetFolder(path: folder.path)
        let days = [CalendarDay("2025-12-31")!, asOf]
        let series = try Snapshot.build(data, asOf: days)
        let snapshots = days.map { series[$0]! }
        XCTAssertEqual(snapshots.map(\.count), [40, 34])

        let pooled = try ModelTrainer(horizonDays: 90, l2: 0).train(snapshots, accounts: data.accounts)
        XCTAssertEqual(pooled.fit.clusters, 40)
        XCTAssertEqual(pooled.fit.observations, 74)
        XCTAssertEqual(pooled.model.features.map(\.coefficient.standardError), Array(pooled.fit.standardErrors.dropFirst()))
        XCTAssertEqual(pooled.model.intercept.standardError, pooled.fit.standardErrors[0])

        XCTAssertNil(try ModelTrainer(horizonDays: 90, l2: 1).train(snapshots, accounts: data.accounts).fit.clusters)
        XCTAssertNil(try ModelTrainer(horizonDays: 90, l2: 0).train(snapshots[1], accounts: data.accounts).fit.clusters)
    }
}
