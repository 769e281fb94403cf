/// Why a split could not be evaluated (no customers, one class only, a fit that failed),
/// in one line that says what to change.
package struct EvaluationError: Error, Sendable, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
