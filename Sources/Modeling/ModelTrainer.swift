import Features
import Foundation
import Ingest
import Regression

/// Why training stopped, in words that say what to change.
public struct TrainingError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// The outcome of training: the model to save and the fit to report.
public struct TrainingResult: Sendable {
    public let model: ChurnModel
    public let fit: LogisticFit
    /// Churn labels of the training accounts (1 = churned within the horizon).
    public let labels: [Double]
    /// The cross-validation behind an automatic penalty; empty when it was given.
    public let penaltyTrials: [PenaltySelection.Trial]
}

/// Builds the training set from a snapshot, fits the logistic regression and packs the
/// fitted model.
public struct ModelTrainer: Sendable {
    /// Days after T in which a churn counts; 90 days is a quarter, the usual renewal and
    /// review rhythm, and long enough for a customer-success team to act.
    public var horizonDays: Int = 90
    /// Ridge penalty on the standardised coefficients (intercept exempt). nil (the
    /// default) chooses it by cross-validation; 0 fits plain maximum likelihood, which is
    /// what exact standard errors assume.
    public var l2: Double?
    /// The features to fit, in model order.
    public var features: [FeatureDefinition]

    /// Cross-validation fits on at most this many rows: beyond it the choice of penalty
    /// no longer changes the model, and fitting seven candidates five times would.
    public static let crossValidationRowLimit = 50_000

    public init(horizonDays: Int = 90, l2: Double? = nil, features: [FeatureDefinition] = FeatureCatalog.defaultModel) {
        self.horizonDays = horizonDays
        self.l2 = l2
        self.features = features
    }

    /// 1 when the account churned in (T, T + horizon], else 0.
    public func label(_ account: Account, asOf: CalendarDay) -> Double {
        guard let churned = account.churnedOn else { return 0 }
        return churned > asOf && churned <= asOf.adding(days: horizonDays) ? 1 : 0
    }

    public func train(_ snapshot: Snapshot, accounts: AccountTable) throws(TrainingError) -> TrainingResult {
        try train([snapshot], accounts: accounts)
    }

    /// Pools the customers of several as-of days into one training set: each account
    /// counts once per day it was a customer, labelled by churn in the horizon after that
    /// day. Several quarters give the fit several times the churners of one, at the price
    /// of rows that are not independent (the same account on two days): an unpenalised
    /// fit of several days therefore reports standard errors clustered by account
    /// (`LogisticFit.withClusteredStandardErrors`). The model's as-of day is the latest one.
    public func train(_ snapshots: [Snapshot], accounts: AccountTable) throws(TrainingError) -> TrainingResult {
        guard let latest = snapshots.max(by: { $0.asOf < $1.asOf }) else {
            throw TrainingError(description: "no training day given")
        }
        let asOf = latest.asOf
        let days = snapshots.map(\.asOf.description).joined(separator: ", ")
        let signals = snapshots.flatMap(\.signals)
        let positions = snapshots.flatMap(\.accountPositions)
        guard !signals.isEmpty else {
            throw TrainingError(description: "no account was a customer on \(days): pick an --as-of inside the data's history")
        }
        let labels = snapshots.flatMap { snapshot in
            snapshot.accountPositions.map { label(accounts.accounts[Int($0)], asOf: snapshot.asOf) }
        }
        let churned = Int(labels.reduce(0, +))
        if churned == 0 || churned == labels.count {
            let what = churned == 0 ? "no account churned" : "every account churned"
            throw TrainingError(description: "\(what) in the \(horizonDays) days after \(days) (\(labels.count) accounts): the model needs both churners and stayers; pick an earlier --as-of or a longer --horizon")
        }
        let missingFiles = latest.missingFiles

        var used: [(FeatureDefinition, fill: Double, center: Double, scale: Double)] = []
        var leftOut: [String] = []
        var columns: [[Double]] = [[Double](repeating: 1, count: signals.count)]
        for definition in features {
            let column = signals.map { definition.value($0) ?? .nan }
            switch Standardization(column: column) {
            case .unusable(let why):
                let source = FeatureCatalog.sourceFile(of: definition.family)
                let missingFile = source.map { file in missingFiles.contains { $0.fileName == file } } ?? false
                leftOut.append("\(definition.name): \(missingFile ? "\(source!) is missing" : why)")
            case .usable(let fill, let center, let scale):
                used.append((definition, fill, center, scale))
                columns.append(column.map { (($0.isNaN ? fill : $0) - center) / scale })
            }
        }
        // A feature that is a linear combination of others adds nothing the fit can use:
        // like R's glm with aliased coefficients, leave it out, say so, and fit the rest.
        var fit: LogisticFit
        var design: DesignMatrix
        var trials: [PenaltySelection.Trial] = []
        var penalty = 0.0
        while true {
            design = DesignMatrix(columns: columns, names: ["intercept"] + used.map(\.0.name))
            if let l2 {
                penalty = l2
            } else {
                (penalty, trials) = ModelTrainer.crossValidatedPenalty(design, labels: labels, positions: positions,
                                                                      accounts: accounts)
            }
            do {
                fit = try LogisticRegression(l2: penalty).fit(design, labels: labels)
                break
            } catch .collinear(let column, let others) where column != "intercept" {
                guard let index = used.firstIndex(where: { $0.0.name == column }) else {
                    throw TrainingError(description: ModelTrainer.explain(.collinear(column: column, dependsOn: others)))
                }
                leftOut.append("\(column): carries no information beyond \(others.joined(separator: ", "))")
                used.remove(at: index)
                columns.remove(at: index + 1)
            } catch {
                throw TrainingError(description: ModelTrainer.explain(error))
            }
        }
        if penalty == 0, snapshots.count > 1 {
            do {
                fit = try fit.withClusteredStandardErrors(by: positions, design: design, labels: labels)
            } catch {
                throw TrainingError(description: error.description)
            }
        }
        func coefficient(_ j: Int) -> Coefficient {
            Coefficient(estimate: fit.coefficients[j], standardError: fit.standardErrors[j], z: fit.zValues[j],
                        pValue: fit.pValues[j], lower95: fit.lower95[j], upper95: fit.upper95[j])
        }
        let modelFeatures = used.enumerated().map { (k, entry) in
            ModelFeature(name: entry.0.name, family: entry.0.family, formula: entry.0.formula,
                         fill: entry.fill, center: entry.center, scale: entry.scale, coefficient: coefficient(k + 1))
        }
        let probabilities = fit.predictProbabilities(design)
        let summary = TrainingSummary(
            accounts: labels.count, churned: churned, logLikelihood: fit.logLikelihood,
            nullLogLikelihood: fit.nullLogLikelihood, deviance: fit.deviance, aic: fit.aic,
            mcFaddenR2: fit.mcFaddenR2, iterations: fit.iterations, converged: fit.converged,
            inSampleAUC: RankMetrics.auc(probabilities: probabilities, labels: labels) ?? .nan)
        let model = ChurnModel(asOf: asOf, horizonDays: horizonDays, l2: penalty, intercept: coefficient(0),
                               features: modelFeatures, training: summary, leftOut: leftOut)
        return TrainingResult(model: model, fit: fit, labels: labels, penaltyTrials: trials)
    }

    /// Five folds by account, so that an account stacked from several snapshots is never
    /// trained and tested on at once. The fold is a hash of the account id
    /// (`FoldAssignment`): the same on every run, and independent of the order of
    /// accounts.csv (it used to be the account's position modulo 5).
    static func crossValidatedPenalty(_ design: DesignMatrix, labels: [Double], positions: [Int32],
                                      accounts: AccountTable) -> (Double, [PenaltySelection.Trial]) {
        let selection = PenaltySelection()
        var rows = Array(0..<design.rows)
        if rows.count > crossValidationRowLimit {
            let stride = (rows.count + crossValidationRowLimit - 1) / crossValidationRowLimit
            rows = rows.filter { $0 % stride == 0 }
        }
        let fold = rows.map { FoldAssignment.fold(of: accounts.accounts[Int(positions[$0])].id, folds: selection.folds) }
        return selection.choose(design.rows(rows), labels: rows.map { labels[$0] }, fold: fold)
    }

    /// The fitter's message, with the churn-model view of what to do.
    static func explain(_ error: FitError) -> String {
        switch error {
        case .separation:
            return "\(error) For a churn model: a feature predicts churn perfectly in this training set, often a sign of too few churners; try `--l2 1`."
        default:
            return error.description
        }
    }
}
