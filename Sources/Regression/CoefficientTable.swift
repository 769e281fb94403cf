import Foundation

extension LogisticFit {
    /// A plain-text table in the layout of statsmodels' summary: one row per coefficient
    /// (estimate, standard error, z, two-sided p-value, 95% interval), then the fit's
    /// diagnostics.
    package func coefficientTable() -> String {
        let nameWidth = max(12, names.map(\.count).max() ?? 0)
        let headers = ["coef", "std err", "z", "P>|z|", "[0.025", "0.975]"]
        let cellWidth = 12
        let ruleWidth = nameWidth + cellWidth * headers.count
        let rule = String(repeating: "-", count: ruleWidth)

        var lines = [pad("", nameWidth, left: true)
            + headers.map { pad($0, cellWidth) }.joined()]
        lines.append(rule)
        for j in names.indices {
            let cells = [
                Self.number(coefficients[j], decimals: 4),
                Self.number(standardErrors[j], decimals: 3),
                Self.number(zValues[j], decimals: 3),
                Self.pValue(pValues[j]),
                Self.number(lower95[j], decimals: 3),
                Self.number(upper95[j], decimals: 3),
            ]
            lines.append(pad(names[j], nameWidth, left: true)
                + cells.map { pad($0, cellWidth) }.joined())
        }
        lines.append(rule)

        var diagnostics: [(String, String)] = [
            ("observations", "\(observations)"),
            ("events", "\(events)"),
            ("log-likelihood", Self.number(logLikelihood, decimals: 3)),
            ("LL-null", Self.number(nullLogLikelihood, decimals: 3)),
            ("deviance", Self.number(deviance, decimals: 3)),
            ("null deviance", Self.number(nullDeviance, decimals: 3)),
            ("AIC", Self.number(aic, decimals: 3)),
            ("McFadden R2", Self.number(mcFaddenR2, decimals: 4)),
            ("iterations", "\(iterations)"),
            ("converged", converged ? "yes" : "no"),
            ("l2", l2 == 0 ? "0 (no penalty)" : String(format: "%g", l2)),
        ]
        if let clusters { diagnostics.append(("std err", "clustered by \(clusters) groups")) }
        let labelWidth = diagnostics.map(\.0.count).max() ?? 0
        for (label, value) in diagnostics {
            lines.append(pad(label, labelWidth, left: true) + "  " + value)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Fixed decimals for ordinary magnitudes; scientific notation where fixed decimals
    /// would show only zeros or too many digits.
    static func number(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        if value == 0 || (magnitude >= 1e-3 && magnitude < 1e7) {
            return String(format: "%.\(decimals)f", value)
        }
        return String(format: "%.\(decimals)e", value)
    }

    /// Three decimals, with "<0.001" for anything smaller.
    static func pValue(_ value: Double) -> String {
        value < 0.001 ? "<0.001" : String(format: "%.3f", value)
    }
}

/// Pads to `width` columns, on the right (`left` alignment) or on the left.
private func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return left ? text + fill : fill + text
}
