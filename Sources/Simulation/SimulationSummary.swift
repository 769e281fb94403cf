/// What one generation produced.
public struct SimulationSummary: Sendable {
    /// Accounts written to accounts.csv.
    public let accounts: Int
    /// Accounts with a churned_on date.
    public let churned: Int
    /// Data rows (header excluded) per file name, e.g. `rows["sessions.csv"]`.
    public let rows: [String: Int]
    /// File size in bytes (header included) per file name.
    public let bytes: [String: Int]
}

/// Why a generation failed; no output file is left half-written in either case.
public enum SimulationError: Error, CustomStringConvertible, Equatable {
    case invalidConfiguration(String)
    /// A system call on `path` failed with `errno`.
    case io(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .invalidConfiguration(let message):
            return "invalid simulation configuration: \(message)"
        case .io(let path, let operation, let code):
            return "\(operation) failed for \(path) (errno \(code))"
        }
    }
}
