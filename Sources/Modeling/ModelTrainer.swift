import Features
import Foundation
import Ingest
import Parallel
import Regression

/// Why training stopped.
package enum TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No training day was given.
    case noTrainingDay
    /// No account was a customer on any of the training days.
    case noCustomers(days: [CalendarDay])
    /// Every label is the same: nothing to tell apart.
    case oneClass(churned: Bool, accounts: Int, days: [CalendarDay], horizonDays: Int)
    /// The logistic fit failed.
    case fit(FitError)
    /// The standard errors clustered by account could not be computed.
    case clustering(ClusteringError)
    /// The horizon after the training day runs past the end of the data: churn after the
    /// export is not known, so the labels would undercount it. `latestDay` is the last
    /// training day whose outcomes are all known.
    case outcomeNotKnown(asOf: CalendarDay, horizonDays: Int, dataEnd: CalendarDay, latestDay: CalendarDay)

    package var description: String {
        func list(_ days: [CalendarDay]) -> String { days.map(\.description).joined(separator: ", ") }
        switch self {
        case .noTrainingDay:
            return "no training day given"
        case .noCustomers(let days):
            return "no account was a customer on \(list(days)): pick a training day inside the data's history"
        case let .oneClass(churned, accounts, days, horizonDays):
            let what = churned ? "every account churned" : "no account churned"
            return "\(what) in the \(horizonDays) days after \(list(days)) (\(accounts) accounts): the model needs both churners and stayers; pick an earlier training day or a longer horizon"
        case .fit(.separation(let column, let observations)):
            return "\(FitError.separation(column: column, observations: observations)) For a churn model: a feature predicts churn perfectly in this training set, often a sign of too few churners."
        case .fit(let error):
            return error.description
        case .clustering(let error):
            return error.description
        case let .outcomeNotKnown(asOf, horizonDays, dataEnd, latestDay):
            return "the outcome of \(asOf) is not known: \(asOf) + \(horizonDays) days runs past the end of the data (\(dataEnd)), so churn in that horizon would be undercounted; the latest training day with a known outcome is \(latestDay)"
        }
    }
}

/// The outcome of training: the model to save and the fit to report.
package struct TrainingResult: Sendable {
    package let model: ChurnModel
    package let fit: LogisticFit
    /// Churn labels of the training accounts (1 = churned within the horizon).
    package let labels: [Double]
    /// The cross-validation behind an automatic penalty; empty when it was given.
    package let penaltyTrials: [PenaltySelection.Trial]
}

/// Builds the training set from a snapshot, fits the logistic regression and packs the
/// fitted model.
package struct ModelTrainer: Sendable {
    /// Days after T in which a churn counts; 90 days is a quarter, the usual renewal and
    /// review rhythm, and long enough for a customer-success team to act.
    package var horizonDays: Int = 90
    /// Ridge penalty on the standardised coefficients (intercept exempt). nil (the
    /// default) chooses it by cross-validation; 0 fits plain maximum likelihood, which is
    /// what exact standard errors assume.
    package var l2: Double?
    /// The features to fit, in model order.
    package var features: [FeatureDefinition]

    /// Cross-validation fits on at most this many rows: beyond it the choice of penalty
    /// no longer changes the model, and fitting seven candidates five times would.
    package static let crossValidationRowLimit = 50_000

    package init(horizonDays: Int = 90, l2: Double? = nil, features: [FeatureDefinition] = FeatureCatalog.defaultModel) {
        self.horizonDays = horizonDays
        self.l2 = l2
        self.features = features
    }

    /// 1 when the account churned in (T, T + horizon], else 0.
    package func label(_ account: Account, asOf: CalendarDay) -> Double {
        label(churnedOn: account.churnedOn, asOf: asOf)
    }

    /// `label(_:asOf:)` from the account's churn day alone (nil while a customer).
    func label(churnedOn churned: CalendarDay?, asOf: CalendarDay) -> Double {
        guard let churned else { return 0 }
        return churned > asOf && churned <= asOf.adding(days: horizonDays) ? 1 : 0
    }

    package func train(_ snapshot: Snapshot, accounts: AccountTable) throws(TrainingError) -> TrainingResult {
        try train([snapshot], accounts: accounts)
    }

    /// Pools the customers of several as-of days into one training set: each account
    /// counts once per day it was a customer, labelled by churn in the horizon after that
    /// day. Several quarters give the fit several times the churners of one, at the price
    /// of rows that are not independent (the same account on two days): an unpenalised
    /// fit of several days therefore reports standard errors clustered by account
    /// (`LogisticFit.withClusteredStandardErrors`). The model's as-of day is the latest one.
    package func train(_ snapshots: [Snapshot], accounts: AccountTable) throws(TrainingError) -> TrainingResult {
        guard let latest = snapshots.max(by: { $0.asOf < $1.asOf }) else {
            throw .noTrainingDay
        }
        let asOf = latest.asOf
        let days = snapshots.map(\.asOf)
        let positions = snapshots.flatMap(\.accountPositions)
        guard !positions.isEmpty else {
            throw .noCustomers(days: days)
        }
        // From the churn day alone: handing `label` the whole account copied its four strings.
        let labels = snapshots.flatMap { snapshot in
            snapshot.accountPositions.map { label(churnedOn: accounts.accounts[Int($0)].churnedOn, asOf: snapshot.asOf) }
        }
        let churned = Int(labels.reduce(0, +))
        if churned == 0 || churned == labels.count {
            throw .oneClass(churned: churned > 0, accounts: labels.count, days: days, horizonDays: horizonDays)
        }
        // Column by column from each day's signals: the pooled rows are never copied as
        // structs. The columns are independent, so they are made on all cores at once
        // (four days of 200,000 accounts: 0.11 s one column after the other, about 0.05 s
        // on two cores).
        let features = self.features
        let made = TaskSlots(count: features.count) { _ in [Double]() }
        DispatchQueue.concurrentPerform(iterations: features.count) { k in
            var values: [Double] = []
            values.reserveCapacity(positions.count)
            for snapshot in snapshots {
                for signals in snapshot.signals { values.append(features[k].value(signals) ?? .nan) }
            }
            made[k] = values
        }
        let columns = zip(features, made.takeAll()).map { (definition: $0, values: $1) }
        let pooled = PooledDesign(labels: labels, accountPositions: positions, features: columns,
                                  repeatsAccounts: snapshots.count > 1)
        let fitted = try fit(pooled, accounts: accounts, missingFiles: latest.missingFiles)
        let fit = fitted.fit
        let probabilities = fit.predictProbabilities(fitted.design)
        let summary = TrainingSummary(
            accounts: labels.count, churned: churned, logLikelihood: fit.logLikelihood,
            nullLogLikelihood: fit.nullLogLikelihood, deviance: fit.deviance, aic: fit.aic,
            mcFaddenR2: fit.mcFaddenR2, iterations: fit.iterations, converged: fit.converged,
            inSampleAUC: RankMetrics.auc(probabilities: probabilities, labels: labels) ?? .nan)
        let model = ChurnModel(asOf: asOf, horizonDays: horizonDays, l2: fitted.penalty, intercept: fitted.intercept,
                               features: fitted.features, training: summary, leftOut: fitted.leftOut)
        return TrainingResult(model: model, fit: fit, labels: labels, penaltyTrials: fitted.trials)
    }

    /// Five folds by account, so that an account stacked from several snapshots is never
    /// trained and tested on at once. The fold is a hash of the account id
    /// (`FoldAssignment`): the same on every run, and independent of the order of
    /// accounts.csv (it used to be the account's position modulo 5).
    static func crossValidatedPenalty(_ design: DesignMatrix, labels: [Double], positions: [Int32],
                                      accounts: AccountTable, penalized: [Bool]? = nil)
        -> (l2: Double, trials: [PenaltySelection.Trial], start: [Double]?) {
        let selection = PenaltySelection()
        var rows = Array(0..<design.rows)
        if rows.count > crossValidationRowLimit {
            let stride = (rows.count + crossValidationRowLimit - 1) / crossValidationRowLimit
            rows = rows.filter { $0 % stride == 0 }
        }
        let fold = rows.map { FoldAssignment.fold(of: accounts.accounts[Int(positions[$0])].id, folds: selection.folds) }
        return selection.choose(design.rows(rows), labels: rows.map { labels[$0] }, fold: fold, penalized: penalized)
    }
}
