/// The uncertainty figures in words for the terminal: AUC intervals, paired tests and the
/// calibration checks. A comparison is called a win only when its 95% interval excludes 0.
extension Format {
    /// "+0.022" or "-0.010": differences carry their sign.
    package static func signed(_ value: Double?, _ decimals: Int = 3) -> String {
        guard let value, value.isFinite else { return "-" }
        return (value >= 0 ? "+" : "") + decimal(value, decimals)
    }

    /// "p = 0.184", "p < 0.001".
    package static func pValue(_ value: Double) -> String {
        value < 0.001 ? "p < 0.001" : "p = \(decimal(value, 3))"
    }
}

extension AUCDifference {
    /// "+0.022 (95% interval -0.010 to +0.054, p = 0.184)".
    package var text: String {
        "\(Format.signed(difference)) (95% interval \(Format.signed(lower)) to \(Format.signed(upper)), \(Format.pValue(pValue)))"
    }
}

extension HoldoutResult {
    /// Every method's AUC with its 95% DeLong interval, in one line.
    package var aucIntervalText: String {
        let parts = methods.map { result in
            let interval = result.aucCI.map { " (\(Format.decimal($0.lower)) to \(Format.decimal($0.upper)))" } ?? ""
            return "\(result.method.titleInSentence) \(Format.decimal(result.auc))\(interval)"
        }
        return "AUC with 95% DeLong interval: " + parts.joined(separator: ", ") + "."
    }

    /// The model's AUC minus each baseline's on the same accounts, in one line.
    package var pairedTestText: String? {
        guard let checks = self[.model].checks, !checks.aucDifferences.isEmpty else { return nil }
        let parts = checks.aucDifferences.map { "\($0.baseline.titleInSentence) \($0.difference.text)" }
        return "Model minus baseline (paired DeLong): " + parts.joined(separator: "; ") + "."
    }

    /// Which baselines the model beats, which it cannot be told from, and which beat it,
    /// by the paired DeLong test; nil when the test could not be made.
    package var pairedVerdict: String? {
        guard let checks = self[.model].checks, !checks.aucDifferences.isEmpty else { return nil }
        let beaten = checks.aucDifferences.filter { $0.difference.isSignificant && $0.difference.difference > 0 }
        let ahead = checks.aucDifferences.filter { $0.difference.isSignificant && $0.difference.difference < 0 }
        let tied = checks.aucDifferences.filter { !$0.difference.isSignificant }
        var clauses: [String] = []
        if beaten.count == checks.aucDifferences.count {
            clauses.append("beats every baseline")
        } else if !beaten.isEmpty {
            clauses.append("beats " + Self.list(beaten.map { $0.baseline.titleInSentence }))
        }
        if !tied.isEmpty {
            clauses.append("is not distinguishable from " + Self.list(tied.map {
                "\($0.baseline.titleInSentence) (\(Format.pValue($0.difference.pValue)))"
            }))
        }
        if !ahead.isEmpty {
            clauses.append("ranks churners worse than " + Self.list(ahead.map {
                "\($0.baseline.titleInSentence) (\(Format.pValue($0.difference.pValue)))"
            }))
        }
        return "By AUC the model " + Self.list(clauses) + "."
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}

extension CalibrationCheck {
    /// The checks in one sentence, with what the right values are and the verdict.
    package var text: String {
        func estimate(_ value: IntervalEstimate?) -> String {
            guard let value else { return "- (could not be fitted)" }
            return "\(Format.decimal(value.estimate, 2)) (95% interval \(Format.decimal(value.lower, 2)) to \(Format.decimal(value.upper, 2)))"
        }
        var failures: [String] = []
        if let slope, !slope.contains(1) {
            failures.append(slope.upper < 1 ? "the predictions are too extreme" : "the predictions are too timid")
        }
        if let intercept, !intercept.contains(0) {
            failures.append(intercept.lower > 0 ? "they predict too little churn" : "they predict too much churn")
        }
        if let oeZ, abs(oeZ) > Self.criticalZ { failures.append("observed and expected churners differ beyond chance") }
        let verdict = passes ? "passes" : failures.isEmpty ? "cannot be checked" : "fails: " + failures.joined(separator: ", ")
        return "Calibration slope \(estimate(slope)), 1 when right; calibration in the large \(estimate(intercept)), "
            + "0 when right; \(Format.decimal(expected, 1)) churners expected, \(observed) observed "
            + "(z = \(Format.decimal(oeZ, 2))): \(verdict)."
    }
}

extension ScoringMethod {
    /// The title inside a sentence: "logins only", "rule score", but "NPS only".
    package var titleInSentence: String {
        guard let first = title.first, first.isUppercase, title.dropFirst().first?.isLowercase == true else { return title }
        return first.lowercased() + title.dropFirst()
    }
}
