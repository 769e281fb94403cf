import Features
import Ingest
import Modeling
import Scoring
import Survival

/// The survival model checked the way `HoldoutCheck` checks a churn model: fitted on the
/// account-months up to a training day, its curves for the customers of a later test day
/// set against who really churned, at each horizon whose outcome the data holds.
package struct SurvivalCheck: Sendable {
    /// The horizons checked, in days; each only where the test day plus it lies in the data.
    package var horizons: [Int]
    /// Ridge penalty, as for the churn model (nil: cross-validated for each fit).
    package var l2: Double?

    package init(horizons: [Int] = SurvivalCurve.reportedHorizons, l2: Double? = nil) {
        self.horizons = horizons
        self.l2 = l2
    }

    /// Fits on the table's months up to `trainAsOf` and judges the curves on `test`, beside
    /// the churn model's probabilities of the same accounts (`churnModel`, in snapshot order,
    /// over `horizonDays`), when given.
    package func run(table: AccountMonthTable, trainAsOf: CalendarDay, test: Snapshot, dataEnd: CalendarDay,
                     accounts: AccountTable, horizonDays: Int,
                     churnModel: [Double]?) throws(SurvivalError) -> SurvivalHoldout {
        let trained = try SurvivalTrainer(horizonDays: horizonDays, l2: l2).train(table, through: trainAsOf, accounts: accounts)
        let model = trained.model
        let scorer: Scorer
        do {
            scorer = try Scorer(model: .survival(model))
        } catch {
            // A model fitted a moment ago by this build only uses features it can compute.
            preconditionFailure("a freshly fitted model cannot be scored: \(error)")
        }
        let figures = scorer.score(test, accounts: accounts).lifetimes ?? []
        let testAccounts = test.accountPositions.map { accounts.accounts[Int($0)] }
        let known = horizons.filter { test.asOf.adding(days: $0) <= dataEnd }
        let checks = known.map { days in
            let labels = testAccounts.map { ModelTrainer(horizonDays: days).label($0, asOf: test.asOf) }
            let probabilities = figures.map { $0.churn(withinDays: days) ?? 0 }
            let versus = days == horizonDays ? churnModel : nil
            return HorizonCheck(days: days, probabilities: probabilities, labels: labels, churnModel: versus)
        }
        return SurvivalHoldout(trainAsOf: model.asOf, firstMonth: model.firstMonth, months: model.months,
                               rows: model.training.accounts, events: model.training.churned, customers: model.customers,
                               testAsOf: test.asOf, testAccounts: test.count, horizonDays: horizonDays,
                               horizons: checks, model: model)
    }
}

/// The survival model's curves at one horizon, on one test day.
package struct HorizonCheck: Sendable, Encodable {
    package let days: Int
    package let accounts: Int
    /// Test accounts that churned within `days`.
    package let churned: Int
    package let auc: Double?
    package let aucCI: AUCInterval?
    package let logLoss: Double?
    package let brierScore: Double?
    /// Predicted against observed churn by decile, with 95% Wilson bands.
    package let calibration: CalibrationTable
    package let checks: CalibrationCheck
    /// At the churn model's horizon: its AUC on the same accounts, and the survival model's
    /// AUC minus it (paired DeLong); nil at other horizons.
    package let churnModelAUC: Double?
    package let difference: AUCDifference?

    package init(days: Int, probabilities: [Double], labels: [Double], churnModel: [Double]?) {
        self.days = days
        accounts = labels.count
        churned = Int(labels.reduce(0, +))
        auc = RankMetrics.auc(probabilities: probabilities, labels: labels)
        let delong = try? DeLong(scores: [probabilities] + (churnModel.map { [$0] } ?? []), labels: labels)
        aucCI = delong?.interval(0)
        logLoss = ProbabilityMetrics.logLoss(probabilities: probabilities, labels: labels)
        brierScore = ProbabilityMetrics.brierScore(probabilities: probabilities, labels: labels)
        calibration = CalibrationTable(probabilities: probabilities, labels: labels)
        checks = CalibrationCheck(probabilities: probabilities, labels: labels)
        churnModelAUC = churnModel.flatMap { RankMetrics.auc(probabilities: $0, labels: labels) }
        difference = churnModel == nil ? nil : delong?.difference(0, 1)
    }

    enum CodingKeys: String, CodingKey {
        case days, accounts, churned, auc, aucCi, logLoss, brierScore, calibration
        case calibrationSlope, calibrationIntercept, observed, expected, oeZ, churnModelAuc, aucDifference
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(days, forKey: .days)
        try container.encode(accounts, forKey: .accounts)
        try container.encode(churned, forKey: .churned)
        try container.encode(auc, forKey: .auc)
        try container.encode(aucCI, forKey: .aucCi)
        try container.encode(logLoss, forKey: .logLoss)
        try container.encode(brierScore, forKey: .brierScore)
        try container.encode(calibration, forKey: .calibration)
        try container.encode(checks.slope, forKey: .calibrationSlope)
        try container.encode(checks.intercept, forKey: .calibrationIntercept)
        try container.encode(checks.observed, forKey: .observed)
        try container.encode(checks.expected, forKey: .expected)
        try container.encode(checks.oeZ, forKey: .oeZ)
        try container.encodeIfPresent(churnModelAUC, forKey: .churnModelAuc)
        try container.encodeIfPresent(difference, forKey: .aucDifference)
    }
}

/// What one train/test split showed of the survival model.
package struct SurvivalHoldout: Sendable, Encodable {
    /// The last month end in the fit, and the first.
    package let trainAsOf: CalendarDay
    package let firstMonth: CalendarDay
    package let months: Int
    /// Account-months in the fit, and those with a churn.
    package let rows: Int
    package let events: Int
    package let customers: Int
    package let testAsOf: CalendarDay
    package let testAccounts: Int
    /// The churn model's horizon, the one `churnModelAUC` is compared at.
    package let horizonDays: Int
    /// Every horizon whose outcome is known, shortest first.
    package let horizons: [HorizonCheck]
    /// The model fitted (not in JSON).
    package let model: SurvivalModel

    /// The check at one horizon, if its outcome is known.
    package func check(days: Int) -> HorizonCheck? { horizons.first { $0.days == days } }

    enum CodingKeys: String, CodingKey {
        case trainAsOf, firstMonth, months, rows, events, customers, testAsOf, testAccounts, horizonDays, horizons
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(trainAsOf, forKey: .trainAsOf)
        try container.encode(firstMonth, forKey: .firstMonth)
        try container.encode(months, forKey: .months)
        try container.encode(rows, forKey: .rows)
        try container.encode(events, forKey: .events)
        try container.encode(customers, forKey: .customers)
        try container.encode(testAsOf, forKey: .testAsOf)
        try container.encode(testAccounts, forKey: .testAccounts)
        try container.encode(horizonDays, forKey: .horizonDays)
        try container.encode(horizons, forKey: .horizons)
    }
}

/// The survival model on the main split and on each backtest fold.
package struct SurvivalEvaluation: Sendable, Encodable {
    package let holdout: SurvivalHoldout
    /// One per backtest fold, oldest first: its result, or why it could not be run.
    package let backtest: [SurvivalFold]
}

package struct SurvivalFold: Sendable, Encodable {
    package let fold: Fold
    package let result: SurvivalHoldout?
    package let skipped: String?
}
