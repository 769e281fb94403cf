import Features
import Foundation
import Ingest

/// A fitted churn model: everything scoring needs, and nothing it has to recompute.
///
/// Coefficients are per standard deviation of each feature (features are standardised
/// with the training mean and deviation kept here), so their sizes compare directly and
/// exp(estimate) is the odds ratio for a one-deviation change.
public struct ChurnModel: Codable, Sendable, Equatable {
    /// Written into every model file so another JSON file is recognised as not a model.
    public static let formatName = "healthscore-churn-model"
    /// Bumped whenever a field changes meaning; `score` refuses other versions.
    public static let currentVersion = 1

    public var format = ChurnModel.formatName
    public var version = ChurnModel.currentVersion
    /// The training snapshot day T.
    public var asOf: CalendarDay
    /// Churn probabilities are over this many days after the scoring day.
    public var horizonDays: Int
    /// Ridge penalty used in the fit (0 = plain maximum likelihood).
    public var l2: Double
    public var intercept: Coefficient
    public var features: [ModelFeature]
    public var training: TrainingSummary
    /// Features left out of the fit, with the reason.
    public var leftOut: [String]

    public init(asOf: CalendarDay, horizonDays: Int, l2: Double, intercept: Coefficient, features: [ModelFeature],
                training: TrainingSummary, leftOut: [String]) {
        self.asOf = asOf; self.horizonDays = horizonDays; self.l2 = l2; self.intercept = intercept
        self.features = features; self.training = training; self.leftOut = leftOut
    }

    /// The linear predictor (log-odds of churn) of one account.
    public func logOdds(_ signals: AccountSignals, definitions: [FeatureDefinition]) -> Double {
        var total = intercept.estimate
        for (feature, definition) in zip(features, definitions) {
            total += feature.coefficient.estimate * feature.standardized(definition.value(signals))
        }
        return total
    }

    /// The catalogue definitions for this model's features, in model order; throws when
    /// this build of healthscore cannot compute one of them.
    public func definitions() throws(ModelFileError) -> [FeatureDefinition] {
        var result: [FeatureDefinition] = []
        for feature in features {
            guard let definition = FeatureCatalog.definition(named: feature.name) else {
                throw .unknownFeature(feature.name)
            }
            result.append(definition)
        }
        return result
    }
}

/// An estimate with its uncertainty, as reported by the fit.
public struct Coefficient: Codable, Sendable, Equatable {
    public var estimate: Double
    public var standardError: Double
    public var z: Double
    public var pValue: Double
    public var lower95: Double
    public var upper95: Double

    public init(estimate: Double, standardError: Double, z: Double, pValue: Double, lower95: Double, upper95: Double) {
        self.estimate = estimate; self.standardError = standardError; self.z = z
        self.pValue = pValue; self.lower95 = lower95; self.upper95 = upper95
    }
}

/// One feature as the model uses it.
public struct ModelFeature: Codable, Sendable, Equatable {
    public var name: String
    public var family: SignalFamily
    public var formula: String
    /// Value used when the account has none: the training mean, so missing counts as average.
    public var fill: Double
    /// Training mean after filling.
    public var center: Double
    /// Training standard deviation after filling.
    public var scale: Double
    public var coefficient: Coefficient

    public init(name: String, family: SignalFamily, formula: String, fill: Double, center: Double, scale: Double,
                coefficient: Coefficient) {
        self.name = name; self.family = family; self.formula = formula
        self.fill = fill; self.center = center; self.scale = scale; self.coefficient = coefficient
    }

    /// (value - center) / scale, with missing values filled first.
    @inlinable
    public func standardized(_ value: Double?) -> Double {
        ModelFeature.standardize(value, fill: fill, center: center, scale: scale)
    }

    /// `standardized` for callers that keep the three numbers apart from the feature.
    @inlinable
    public static func standardize(_ value: Double?, fill: Double, center: Double, scale: Double) -> Double {
        let x = value.flatMap { $0.isNaN ? nil : $0 } ?? fill
        return (x - center) / scale
    }
}

/// How the fit went, kept in the model file for anyone who opens it later.
public struct TrainingSummary: Codable, Sendable, Equatable {
    public var accounts: Int
    public var churned: Int
    public var logLikelihood: Double
    public var nullLogLikelihood: Double
    public var deviance: Double
    public var aic: Double
    public var mcFaddenR2: Double
    public var iterations: Int
    public var converged: Bool
    /// Area under the ROC curve on the training accounts themselves (optimistic).
    public var inSampleAUC: Double

    // Spelled so the snake_case key strategy maps "in_sample_auc" both ways.
    enum CodingKeys: String, CodingKey {
        case accounts, churned, logLikelihood, nullLogLikelihood, deviance, aic, mcFaddenR2, iterations, converged
        case inSampleAUC = "inSampleAuc"
    }

    public init(accounts: Int, churned: Int, logLikelihood: Double, nullLogLikelihood: Double, deviance: Double,
                aic: Double, mcFaddenR2: Double, iterations: Int, converged: Bool, inSampleAUC: Double) {
        self.accounts = accounts; self.churned = churned; self.logLikelihood = logLikelihood
        self.nullLogLikelihood = nullLogLikelihood; self.deviance = deviance; self.aic = aic
        self.mcFaddenR2 = mcFaddenR2; self.iterations = iterations; self.converged = converged
        self.inSampleAUC = inSampleAUC
    }
}
