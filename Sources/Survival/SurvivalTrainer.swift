import Features
import Ingest
import Modeling
import Regression

/// The outcome of fitting a survival model: the model to save and the fit to report.
package struct SurvivalTrainingResult: Sendable {
    package let model: SurvivalModel
    /// The logistic fit of the account-months: intercept, tenure periods, features.
    package let fit: LogisticFit
    /// The cross-validation behind an automatic penalty; empty when it was given.
    package let penaltyTrials: [PenaltySelection.Trial]
}

/// Fits the discrete-time hazard model on an account-month table, through the same recipe
/// as every churn model (`ModelTrainer.fit`: the same standardisation, the same ridge
/// penalty chosen by 5-fold cross-validation with folds by account, the same IRLS on
/// LAPACK), with the tenure periods as unpenalised columns beside the intercept.
package struct SurvivalTrainer: Sendable {
    /// Days of the churn probability a score row carries (`churn_probability`). Default 90,
    /// as for a churn model; the curve gives every other horizon.
    package var horizonDays: Int
    /// Ridge penalty on the standardised feature coefficients; nil chooses it by
    /// cross-validation, 0 fits plain maximum likelihood with standard errors clustered by
    /// account (an account is on many rows).
    package var l2: Double?

    /// The features of the default churn model but tenure, which the baseline hazard carries.
    package static var defaultFeatures: [FeatureDefinition] {
        FeatureCatalog.defaultModel.filter { $0.family != .tenure }
    }

    package init(horizonDays: Int = 90, l2: Double? = nil) {
        self.horizonDays = horizonDays
        self.l2 = l2
    }

    /// Fits the rows of the table's months up to and including `through` (every month when nil).
    package func train(_ table: AccountMonthTable, through: CalendarDay? = nil,
                       accounts: AccountTable) throws(SurvivalError) -> SurvivalTrainingResult {
        let last = through ?? table.months.last ?? CalendarDay(daysSinceEpoch: 0)
        let months = table.months(through: last)
        let rows = table.rows(through: last)
        guard let first = months.first, rows > 0 else {
            throw .noUsableMonth(through: last, historyStarts: table.firstEventDay)
        }
        func prefix<T>(_ column: [T]) -> [T] { rows == column.count ? column : Array(column[0..<rows]) }
        let labels = prefix(table.labels)
        let events = Int(labels.reduce(0, +))
        if events == 0 || events == rows { throw .oneClass(churned: events > 0, rows: rows, months: months.count) }

        let periods = TenurePeriods(tenureMonths: table.tenureMonths[0..<rows], labels: table.labels[0..<rows])
        let fixed = (1..<periods.count).map { k in
            (name: periods.name(of: k), values: table.tenureMonths[0..<rows].map { periods.index(ofMonth: Int($0)) == k ? 1.0 : 0.0 })
        }
        let positions = prefix(table.accountPositions)
        let pooled = PooledDesign(labels: labels, accountPositions: positions,
                                  features: zip(table.features, table.columns).map { ($0, prefix($1)) },
                                  fixed: fixed, repeatsAccounts: true)
        let fitted: DesignFit
        do {
            fitted = try ModelTrainer(horizonDays: horizonDays, l2: l2, features: table.features)
                .fit(pooled, accounts: accounts, missingFiles: table.newestSnapshot.missingFiles)
        } catch {
            throw .training(error)
        }
        let fit = fitted.fit

        // Each row's score, the features' part of its log-odds, for the drift between months.
        var scores = [Double](repeating: 0, count: rows)
        fitted.design.values.withUnsafeBufferPointer { x in
            for (k, feature) in fitted.features.enumerated() {
                let base = (fitted.leadingColumns + k) * rows, b = feature.coefficient.estimate
                for i in 0..<rows { scores[i] += b * x[base + i] }
            }
        }
        let monthStarts = Array(table.monthStarts[0...months.count])
        let drift = ScoreDrift.estimate(scores: scores, monthStarts: monthStarts, accountPositions: positions,
                                        accounts: accounts.count)

        let probabilities = fit.predictProbabilities(fitted.design)
        let summary = TrainingSummary(
            accounts: rows, churned: events, logLikelihood: fit.logLikelihood, nullLogLikelihood: fit.nullLogLikelihood,
            deviance: fit.deviance, aic: fit.aic, mcFaddenR2: fit.mcFaddenR2, iterations: fit.iterations,
            converged: fit.converged, inSampleAUC: RankMetrics.auc(probabilities: probabilities, labels: labels) ?? .nan)
        let tenurePeriods = (0..<periods.count).map { k in
            TenurePeriod(name: periods.name(of: k), firstMonth: periods.starts[k], lastMonth: periods.lastMonth(of: k),
                         coefficient: k == 0 ? nil : fitted.fixed[k - 1].coefficient)
        }
        let model = SurvivalModel(
            asOf: months.last!, firstMonth: first, months: months.count, horizonDays: horizonDays, l2: fitted.penalty,
            intercept: fitted.intercept, tenurePeriods: tenurePeriods, features: fitted.features, drift: drift,
            training: summary, customers: Set(positions).count, leftOut: fitted.leftOut)
        return SurvivalTrainingResult(model: model, fit: fit, penaltyTrials: fitted.trials)
    }
}
