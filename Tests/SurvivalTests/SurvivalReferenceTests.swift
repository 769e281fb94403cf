import DataSources
import Features
import Foundation
import Ingest
import Modeling
import XCTest
@testable import Survival

/// The survival model of Data/ as of 2025-12-31, unpenalised, against statsmodels on the
/// same account-month table: `scripts/survival_reference.py` (statsmodels 0.15.0) prints
/// these numbers from the table `healthscore features --survival` writes.
final class SurvivalReferenceTests: XCTestCase {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data").path

    /// statsmodels `Logit(y, X).fit()`: per unit of each feature; standard errors from
    /// `fit(cov_type="cluster", cov_kwds={"groups": account})`.
    static let reference: [(name: String, estimate: Double, clusteredSE: Double)] = [
        ("intercept", 3.174207547290, 0.978457658314),
        ("tenure_3_5m", 0.335408544427, 0.368146474042),
        ("tenure_6_11m", 0.446557181813, 0.337715606834),
        ("tenure_12_23m", 0.396940133659, 0.339405902732),
        ("tenure_24_35m", 0.620835872764, 0.350890226620),
        ("tenure_36m_plus", 0.246754068785, 0.346265875719),
        ("logins_30d", 0.027854024665, 0.136570871979),
        ("login_trend", -0.656085334790, 0.121138944206),
        ("days_since_last_session", 0.278110745380, 0.097601847006),
        ("session_minutes_median_30d", -0.291611485122, 0.192033067933),
        ("nps_mean_180d", -0.135701404464, 0.057089960270),
        ("email_open_rate_90d", -0.322662607610, 0.273965163416),
        ("interaction_rating_180d", -1.404423850072, 0.112633289969),
        ("mrr", -0.143946465849, 0.210431661232),
        ("seats", 0.185705468888, 0.324041678941),
    ]

    func testTheFitMatchesStatsmodelsOnTheAccountMonthTable() throws {
        let data = try DatasetFolder(path: Self.data)
        let table = try AccountMonthTable.build(data, through: CalendarDay("2025-12-31")!,
                                                features: SurvivalTrainer.defaultFeatures)
        XCTAssertEqual(table.rows, 6246)
        XCTAssertEqual(Int(table.labels.reduce(0, +)), 252)
        XCTAssertEqual(table.months.first, CalendarDay("2024-12-31"))
        XCTAssertEqual(table.months.count, 13)
        let result = try SurvivalTrainer(l2: 0).train(table, accounts: data.accounts)
        let model = result.model
        XCTAssertEqual(model.customers, 700)
        XCTAssertEqual(model.training.logLikelihood, -820.6645151552, accuracy: 1e-7)
        XCTAssertEqual(result.fit.clusters, 700)

        // The model keeps coefficients per standard deviation; per unit they are b / scale,
        // and the intercept on the raw scale is a - sum(b center / scale).
        var estimates: [String: (Double, Double)] = [:]
        var intercept = model.intercept.estimate
        for feature in model.features {
            estimates[feature.name] = (feature.coefficient.estimate / feature.scale, feature.coefficient.standardError / feature.scale)
            intercept -= feature.coefficient.estimate * feature.center / feature.scale
        }
        for period in model.tenurePeriods.dropFirst() {
            estimates[period.name] = (period.coefficient!.estimate, period.coefficient!.standardError)
        }
        estimates["intercept"] = (intercept, .nan)
        for (name, estimate, se) in Self.reference {
            let (ours, ourSE) = try XCTUnwrap(estimates[name], name)
            XCTAssertEqual(ours, estimate, accuracy: 1e-6 * max(1, abs(estimate)), name)
            if name != "intercept" { XCTAssertEqual(ourSE, se, accuracy: 1e-6 * se, name) }
        }
        // The drift: least squares of each month's score on the account's score a month before.
        XCTAssertEqual(model.drift.pairs, 5546)
        XCTAssertEqual(model.drift.persistence, 0.715450157679, accuracy: 1e-9)
        XCTAssertEqual(model.drift.innovationVariance, 0.931211210663, accuracy: 1e-9)
        XCTAssertEqual(model.drift.mean, 0, accuracy: 1e-12)
    }
}
