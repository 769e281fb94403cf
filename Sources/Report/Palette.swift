import Evaluation
import Scoring

/// Colours and line styles. Hues come from the Okabe-Ito palette, which stays
/// distinguishable with the common colour-vision deficiencies, darkened where needed to
/// reach 3:1 against white for lines and bars (WCAG 1.4.11); every series also differs by
/// dash pattern or shape, so nothing depends on colour alone.
package enum Palette {
    package static let text = "#1f2328"
    package static let muted = "#57606a"
    package static let grid = "#d8dee4"
    package static let axis = "#6e7781"

    /// Lines of the ROC and backtest charts: colour and dash pattern per method.
    package static func stroke(_ method: ScoringMethod) -> (colour: String, dash: String, width: Double) {
        switch method {
        case .model: ("#0072B2", "", 3.5)
        case .loginsOnly: ("#C25400", "9 5", 2.5)
        case .npsOnly: ("#007A5A", "2 4", 2.5)
        case .ruleScore: ("#A8457E", "12 4 3 4", 2.5)
        }
    }

    /// Bars and badges per tier: a fill for charts, and a light background with dark text
    /// (contrast above 7:1) for badges in tables.
    package static func fill(_ tier: Tier) -> String {
        switch tier {
        case .atRisk: "#C25400"
        case .watch: "#B07D00"
        case .healthy: "#007A5A"
        }
    }

    /// Lines of the survival curves, one per account: colour and dash pattern (the marker
    /// shape differs too, `SurvivalCurveChart.marker`).
    static func series(_ index: Int) -> (colour: String, dash: String) {
        let styles = [("#0072B2", ""), ("#C25400", "9 5"), ("#007A5A", "2 4"), ("#A8457E", "12 4 3 4"), ("#8A6200", "6 3")]
        return styles[index % styles.count]
    }

    /// Bars of the lifetime-value histogram.
    static let lifetimeBar = "#0072B2"

    package static let calibrationHonest = "#0072B2"
    package static let calibrationOff = "#C25400"
    package static let raisesRisk = "#C25400"
    package static let lowersRisk = "#0072B2"
    package static let unclear = "#6e7781"
}
