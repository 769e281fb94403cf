import Evaluation
import Features
import Foundation

/// A stored feature value in the units a person thinks in: the model keeps counts as
/// ln(1 + count) and trends as log ratios; the page shows the count and the ratio.
enum FeatureDisplay {
    static func text(_ name: String, _ value: Double?) -> String {
        guard let value, value.isFinite else { return "<span class=\"muted\">none</span>" }
        let formula = FeatureCatalog.definition(named: name)?.formula ?? ""
        switch name {
        case "email_open_rate_90d": return Format.percent(value, 0)
        case "nps_no_answer": return value >= 0.5 ? "no answer" : "answered"
        case "mrr": return Format.money(expm1(value))
        default: break
        }
        if formula.hasPrefix("ln((1") { return "×" + Text.fixed(exp(value), 2) }
        if formula.hasPrefix("ln(1 + ") {
            let count = expm1(value)
            // Whole counts as whole numbers; a median between two counts keeps its half.
            if count >= 100 || abs(count - count.rounded()) < 0.05 { return Format.count(Int(count.rounded())) }
            return Text.fixed(count, 1)
        }
        return Text.fixed(value, 1)
    }

    /// What the number counts, when the label does not say.
    static func unit(_ name: String) -> String {
        switch name {
        case "days_since_last_session": "days"
        case "session_minutes_median_30d": "minutes"
        case "tenure_months": "months"
        case "nps_mean_180d": "of 10"
        case "interaction_rating_180d": "of 5"
        default: ""
        }
    }
}
