import Features
import Foundation
import Ingest
import Modeling
import Regression

/// A fitted discrete-time hazard model: the chance of churning in a month, given the
/// account's features at the month's start and its months of tenure, and how its risk score
/// drifts, from which every account gets a survival curve.
///
///     logit P(churn in month | customer at its start) = intercept + baseline(tenure period)
///                                                        + sum_f b_f z_f
///
/// Features are standardised as in a churn model (`ModelFeature`); the baseline is one level
/// per tenure period, the first period's being the intercept. Saved as a model file of
/// version 2 with `"kind": "discrete_time_hazard"`.
package struct SurvivalModel: Codable, Sendable, Equatable {
    package static let kindName = "discrete_time_hazard"

    package var format = ChurnModel.formatName
    package var version = ModelFile.survivalVersion
    package var kind = SurvivalModel.kindName
    /// The last month end whose customers entered the fit (their month ends a month later).
    package var asOf: CalendarDay
    /// The first month end whose customers entered the fit.
    package var firstMonth: CalendarDay
    /// Months in the fit.
    package var months: Int
    /// `churn_probability` of a score row is the chance of churning within this many days.
    package var horizonDays: Int
    /// Ridge penalty on the standardised feature coefficients (the baseline is not penalised).
    package var l2: Double
    /// Log-odds of churning in a month for an average account in the first tenure period.
    package var intercept: Coefficient
    package var tenurePeriods: [TenurePeriod]
    package var features: [ModelFeature]
    package var drift: ScoreDrift
    /// `accounts` counts account-months and `churned` the months with a churn.
    package var training: TrainingSummary
    /// Distinct accounts among the account-months.
    package var customers: Int
    /// Features left out of the fit, with the reason.
    package var leftOut: [String]

    package init(asOf: CalendarDay, firstMonth: CalendarDay, months: Int, horizonDays: Int, l2: Double,
                 intercept: Coefficient, tenurePeriods: [TenurePeriod], features: [ModelFeature], drift: ScoreDrift,
                 training: TrainingSummary, customers: Int, leftOut: [String]) {
        self.asOf = asOf; self.firstMonth = firstMonth; self.months = months; self.horizonDays = horizonDays
        self.l2 = l2; self.intercept = intercept; self.tenurePeriods = tenurePeriods; self.features = features
        self.drift = drift; self.training = training; self.customers = customers; self.leftOut = leftOut
    }

    /// The monthly hazard's intercept and features as a churn model: what scoring needs for
    /// the score and the reasons (a reason is a feature raising the monthly log-odds).
    package var hazardModel: ChurnModel {
        ChurnModel(asOf: asOf, horizonDays: horizonDays, l2: l2, intercept: intercept, features: features,
                   training: training, leftOut: leftOut)
    }

    package var periods: TenurePeriods { TenurePeriods(starts: tenurePeriods.map(\.firstMonth)) }

    /// The baseline log-odds of each period (0 for the first).
    package var baseline: [Double] { tenurePeriods.map { $0.coefficient?.estimate ?? 0 } }

    package func encoded() throws -> Data { try ModelFile.encode(self) }
}

/// A model file of either kind.
package enum TrainedModel: Sendable, Equatable {
    case churn(ChurnModel)
    case survival(SurvivalModel)

    /// Reads a model file of version 1 (a churn model) or 2 (a survival model) and checks
    /// that every feature can be built.
    package static func load(path: String) throws(ModelFileError) -> TrainedModel {
        let (data, _) = try ModelFile.read(path: path)
        return try decode(data, path: path)
    }

    /// `load` for bytes already read (`path` names them in errors).
    package static func decode(_ data: Data, path: String) throws(ModelFileError) -> TrainedModel {
        let header = try ModelFile.header(of: data, path: path)
        switch header.version {
        case ChurnModel.currentVersion?:
            let model = try ModelFile.decode(ChurnModel.self, from: data, path: path)
            try model.validate(path: path)
            return .churn(model)
        case ModelFile.survivalVersion? where header.kind == SurvivalModel.kindName:
            let model = try ModelFile.decode(SurvivalModel.self, from: data, path: path)
            try model.hazardModel.validate(path: path)
            return .survival(model)
        case ModelFile.survivalVersion?:
            throw .notAModel(path: path, reason: "no \"kind\": \"\(SurvivalModel.kindName)\" field")
        default:
            throw .otherVersion(path: path, found: header.version ?? 0)
        }
    }

    /// The churn model that scores the features: the model itself, or a survival model's hazard.
    package var churnModel: ChurnModel {
        switch self {
        case .churn(let model): model
        case .survival(let model): model.hazardModel
        }
    }

    package var survival: SurvivalModel? {
        if case .survival(let model) = self { return model }
        return nil
    }

    package var horizonDays: Int { churnModel.horizonDays }
    package var asOf: CalendarDay { churnModel.asOf }
}

/// Turns a survival model into each account's monthly hazards and survival figures.
package struct HazardForecast: Sendable {
    package let intercept: Double
    package let periods: TenurePeriods
    /// Baseline log-odds per period.
    package let baseline: [Double]
    package let drift: ScoreDrift

    /// Months computed one by one before the tail: ten years. By then the tenure is in its
    /// last period and, at the persistence seen on simulated bases (about 0.7 a month), the
    /// score has settled on the book's average; month 120's hazard holds for every later month.
    package static let explicitMonths = 120
    /// The smallest monthly hazard used, so that an extreme account's lifetime stays finite
    /// (a billion months), not infinite.
    package static let minimumHazard = 1e-9

    package init(_ model: SurvivalModel, drift: ScoreDrift? = nil) {
        intercept = model.intercept.estimate
        periods = model.periods
        baseline = model.baseline
        self.drift = drift ?? model.drift
    }

    package init(intercept: Double, periods: TenurePeriods, baseline: [Double], drift: ScoreDrift) {
        precondition(baseline.count == periods.count, "one baseline per period")
        self.intercept = intercept; self.periods = periods; self.baseline = baseline; self.drift = drift
    }

    /// h_1 ... h_120 of an account with `tenureMonths` whole months of tenure today and risk
    /// score `score` (the features' part of its monthly log-odds).
    package func hazards(tenureMonths: Int, score: Double) -> [Double] {
        let rho = drift.persistence, rho2 = rho * rho
        var distance = score - drift.mean      // rho^(j-1) (s_0 - m)
        var variance = 0.0                     // v_j
        var period = periods.index(ofMonth: tenureMonths)
        return (1...HazardForecast.explicitMonths).map { j in
            let tenure = tenureMonths + j - 1
            while period + 1 < periods.count && periods.starts[period + 1] <= tenure { period += 1 }
            let eta = (intercept + baseline[period] + drift.mean + distance) / (1 + Double.pi * variance / 8).squareRoot()
            distance *= rho
            variance = rho2 * variance + drift.innovationVariance
            return max(logistic(eta), HazardForecast.minimumHazard)
        }
    }

    package func curve(tenureMonths: Int, score: Double) -> SurvivalCurve {
        SurvivalCurve(hazards: hazards(tenureMonths: tenureMonths, score: score))
    }
}
