import Ingest
import Modeling
import Survival

/// Why a split could not be evaluated.
package enum EvaluationError: Error, Sendable, CustomStringConvertible {
    /// No account was a customer on the test day.
    case noCustomersOnTestDay(CalendarDay)
    /// The model (baseline nil) or a baseline could not be fitted.
    case training(TrainingError, baseline: ScoringMethod?)
    /// The survival model of the main split could not be fitted.
    case survival(SurvivalError)

    package var description: String {
        switch self {
        case .noCustomersOnTestDay(let day):
            "no account was a customer on \(day), the test day: pick a test day inside the data's history"
        case .training(let error, nil): error.description
        case .training(let error, let method?): "the \(method.title.lowercased()) baseline: \(error.description)"
        case .survival(let error): "the survival model: \(error.description)"
        }
    }
}
