/// The fitted model and the baselines it is compared with, all built from the same
/// snapshot and tested on the same accounts.
package enum ScoringMethod: String, Sendable, CaseIterable, Encodable {
    /// Logistic regression on the default features (`FeatureCatalog.defaultModel`): what training fits.
    case model = "healthscore_model"
    /// Logistic regression on the two login features only.
    case loginsOnly = "logins_only"
    /// Logistic regression on the two NPS features only.
    case npsOnly = "nps_only"
    /// The hand-weighted 0-100 score of `RuleScore`, ranked by its value.
    case ruleScore = "rule_score"

    package static let baselines: [ScoringMethod] = [.loginsOnly, .npsOnly, .ruleScore]

    package var title: String {
        switch self {
        case .model: "healthscore model"
        case .loginsOnly: "Logins only"
        case .npsOnly: "NPS only"
        case .ruleScore: "Rule score"
        }
    }

    /// What the method is, in one line for tables and the report.
    package var summary: String {
        switch self {
        case .model: "logistic regression on the default features, fitted to who left"
        case .loginsOnly: "logistic regression on logins_30d and login_trend"
        case .npsOnly: "logistic regression on nps_mean_180d and nps_no_answer"
        case .ruleScore: "fixed hand-set weights, 0-100, red below 40, green from 70"
        }
    }

    /// Features of a logistic method, nil for the rule score. The full model offers the
    /// whole catalogue (features with no information are left out by the trainer).
    package var featureNames: [String]? {
        switch self {
        case .model: nil
        case .loginsOnly: ["logins_30d", "login_trend"]
        case .npsOnly: ["nps_mean_180d", "nps_no_answer"]
        case .ruleScore: nil
        }
    }

    /// Whether the method gives probabilities (and so log loss, Brier and calibration).
    package var isProbabilistic: Bool { self != .ruleScore }
}
