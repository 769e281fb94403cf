/// What one generation produced.
package struct SimulationSummary: Sendable {
    /// Accounts written to accounts.csv.
    package let accounts: Int
    /// Accounts with a churned_on date.
    package let churned: Int
    /// Data rows (header excluded) per file name, e.g. `rows["sessions.csv"]`.
    package let rows: [String: Int]
    /// File size in bytes (header included) per file name.
    package let bytes: [String: Int]
}

/// Why a generation failed; no output file is left half-written in either case.
package enum SimulationError: Error, CustomStringConvertible, Equatable {
    case invalidConfiguration(String)
    /// A system call on `path` failed with `errno`.
    case io(path: String, operation: String, errno: Int32)

    package var description: String {
        switch self {
        case .invalidConfiguration(let message):
            return "invalid simulation configuration: \(message)"
        case .io(let path, let operation, let code):
            return "\(operation) failed for \(path) (errno \(code))"
        }
    }
}
