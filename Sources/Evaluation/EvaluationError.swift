/// Why a split could not be evaluated (no customers, one class only, a fit that failed),
/// in one line that says what to change.
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
