import Features
import Foundation
import Ingest

/// A fitted churn model: everything scoring needs, and nothing it has to recompute.
///
/// Coefficients are per standard deviation of each feature (features are standardised
/// with the training mean and deviation kept here), so their sizes compare directly and
/// exp(estimate) is the odds ratio for a one-deviation change.
package struct ChurnModel: Codable, Sendable, Equatable {
    /// Written into every model file so another JSON file is recognised as not a model.
    package static let formatName = "healthscore-churn-model"
    /// Bumped whenever a field changes meaning; `score` refuses other versions.
    package static let currentVersion = 1

    package var format = ChurnModel.formatName
    package var version = ChurnModel.currentVersion
    /// The training snapshot day T.
    package var asOf: CalendarDay
    /// Churn probabilities are over this many days after the scoring day.
    package var horizonDays: Int
    /// Ridge penalty used in the fit (0 = plain maximum likelihood).
    package var l2: Double
    package var intercept: Coefficient
    package var features: [ModelFeature]
    package var training: TrainingSummary
    /// Features left out of the fit, with the reason.
    package var leftOut: [String]

    package init(asOf: CalendarDay, horizonDays: Int, l2: Double, intercept: Coefficient, features: [ModelFeature],
                training: TrainingSummary, leftOut: [String]) {
        self.asOf = asOf; self.horizonDays = horizonDays; self.l2 = l2; self.intercept = intercept
        self.features = features; self.training = training; self.leftOut = leftOut
    }

    /// The linear predictor (log-odds of churn) of one account.
    package func logOdds(_ signals: AccountSignals, definitions: [FeatureDefinition]) -> Double {
        var total = intercept.estimate
        for (feature, definition) in zip(features, definitions) {
            total += feature.coefficient.estimate * feature.standardized(definition.value(signals))
        }
        return total
    }

    /// The catalogue definitions for this model's features, in model order; throws when
    /// this build of healthscore cannot compute one of them.
    package func definitions() throws(ModelFileError) -> [FeatureDefinition] {
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
package struct Coefficient: Codable, Sendable, Equatable {
    package var estimate: Double
    package var standardError: Double
    package var z: Double
    package var pValue: Double
    package var lower95: Double
    package var upper95: Double

    package init(estimate: Double, standardError: Double, z: Double, pValue: Double, lower95: Double, upper95: Double) {
        self.estimate = estimate; self.standardError = standardError; self.z = z
        self.pValue = pValue; self.lower95 = lower95; self.upper95 = upper95
    }
}

/// One feature as the model uses it.
package struct ModelFeature: Codable, Sendable, Equatable {
    package var name: String
    package var family: SignalFamily
    package var formula: String
    /// Value used when the account has none: the training mean, so missing counts as average.
    package var fill: Double
    /// Training mean after filling.
    package var center: Double
    /// Training standard deviation after filling.
    package var scale: Double
    package var coefficient: Coefficient

    package init(name: String, family: SignalFamily, formula: String, fill: Double, center: Double, scale: Double,
                coefficient: Coefficient) {
        self.name = name; self.family = family; self.formula = formula
        self.fill = fill; self.center = center; self.scale = scale; self.coefficient = coefficient
    }

    /// (value - center) / scale, with missing values filled first.
    @inlinable
    package func standardized(_ value: Double?) -> Double {
        ModelFeature.standardize(value, fill: fill, center: center, scale: scale)
    }

    /// `standardized` for callers that keep the three numbers apart from the feature.
    @inlinable
    package static func standardize(_ value: Double?, fill: Double, center: Double, scale: Double) -> Double {
        let x = value.flatMap { $0.isNaN ? nil : $0 } ?? fill
        return (x - center) / scale
    }
}

/// How the fit went, kept in the model file for anyone who opens it later.
package struct TrainingSummary: Codable, Sendable, Equatable {
    package var accounts: Int
    package var churned: Int
    package var logLikelihood: Double
    package var nullLogLikelihood: Double
    package var deviance: Double
    package var aic: Double
    package var mcFaddenR2: Double
    package var iterations: Int
    package var converged: Bool
    /// Area under the ROC curve on the training accounts themselves (optimistic).
    package var inSampleAUC: Double

    // Spelled so the snake_case key strategy maps "in_sample_auc" both ways.
    enum CodingKeys: String, CodingKey {
        case accounts, churned, logLikelihood, nullLogLikelihood, deviance, aic, mcFaddenR2, iterations, converged
        case inSampleAUC = "inSampleAuc"
    }

    package init(accounts: Int, churned: Int, logLikelihood: Double, nullLogLikelihood: Double, deviance: Double,
                aic: Double, mcFaddenR2: Double, iterations: Int, converged: Bool, inSampleAUC: Double) {
        self.accounts = accounts; self.churned = churned; self.logLikelihood = logLikelihood
        self.nullLogLikelihood = nullLogLikelihood; self.deviance = deviance; self.aic = aic
        self.mcFaddenR2 = mcFaddenR2; self.iterations = iterations; self.converged = converged
        self.inSampleAUC = inSampleAUC
    }
}
