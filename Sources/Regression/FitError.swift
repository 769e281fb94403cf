/// Why a logistic regression could not be fitted. Each description is one line that
/// says what is wrong with the data and what to do about it.
package enum FitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The design has no rows.
    case noObservations
    /// A label other than 0 or 1; `row` is 0-based.
    case labelsNotBinary(row: Int, value: Double)
    /// Every label is the same, so there is nothing to tell apart.
    case oneClass(label: Int, count: Int)
    /// A predictor value is NaN or infinite; `row` is 0-based.
    case nonFinite(row: Int, column: String)
    /// `column` is (numerically) a linear combination of the earlier columns `dependsOn`.
    /// A constant column depends on the intercept; an all-zero column depends on nothing.
    case collinear(column: String, dependsOn: [String])
    /// Complete or quasi-complete separation: `observations` rows are predicted with
    /// probability numerically 0 or 1, so the likelihood has no finite maximum. `column`
    /// is the predictor whose coefficient diverges fastest, when one stands out. Only
    /// arises for coefficients without a ridge penalty (in practice, `l2 == 0`).
    case separation(column: String?, observations: Int)
    /// Newton's method used its iteration budget without meeting the tolerance.
    case didNotConverge(iterations: Int)

    package var description: String {
        switch self {
        case .noObservations:
            return "no observations to fit: the training set is empty; check the input "
                + "files and the as-of date."
        case let .labelsNotBinary(row, value):
            return "the label in row \(row + 1) is \(Self.format(value)), but labels must be "
                + "0 or 1; recode the label column as 0 (stayed) / 1 (churned)."
        case let .oneClass(label, count):
            return "all \(count) observations have label \(label), so there is nothing to "
                + "learn from; use a period or horizon that includes both outcomes."
        case let .nonFinite(row, column):
            return "column '\(column)' in row \(row + 1) is not a finite number (NaN or "
                + "infinity); fill in or remove that value."
        case let .collinear(column, dependsOn):
            switch dependsOn {
            case []:
                return "column '\(column)' is 0 in every row, so its effect cannot be "
                    + "estimated; drop the column."
            case [DesignMatrix.interceptName]:
                return "column '\(column)' has the same value in every row, so it duplicates "
                    + "the intercept; drop the column."
            default:
                let others = dependsOn.map { "'\($0)'" }.joined(separator: ", ")
                return "column '\(column)' is a linear combination of \(others), so their "
                    + "effects cannot be told apart; drop '\(column)' or one of the others."
            }
        case let .separation(column?, observations):
            return "perfect separation: the outcome of \(observations) observations is "
                + "predicted exactly, mostly by column '\(column)', so its coefficient has no "
                + "finite estimate; drop the column or add a ridge penalty."
        case let .separation(nil, observations):
            return "perfect separation: the outcome of \(observations) observations is "
                + "predicted exactly, so the coefficients have no finite estimate; drop the "
                + "separating predictor or add a ridge penalty."
        case let .didNotConverge(iterations):
            return "the fit did not converge in \(iterations) iterations; rescale predictors "
                + "with very large values, drop near-duplicate columns, or add a ridge "
                + "penalty."
        }
    }

    /// `2` rather than `2.0`, `0.5` as is.
    private static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }
}
