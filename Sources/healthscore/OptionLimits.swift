import ArgumentParser
import Ingest

/// The sane range of every numeric option, checked in `validate()` before any work, so
/// that no value typed on the command line can crash a run or make it allocate without
/// bound (`train --horizon 4000000000`, `evaluate --folds 100000000`).
enum OptionLimits {
    /// Ten years: longer than any renewal cycle a churn horizon is measured against.
    static let horizonDays = 1...3660
    /// Ten years of quarters.
    static let poolDays = 1...40
    static let folds = 0...40
    /// Backtest steps of a month up to ten years.
    static let stepMonths = 1...120
    /// The largest ridge penalty taken: far past the point where every coefficient is 0.
    static let maximumL2 = 1e6
    /// Accounts in a simulated base (100,000 write about 1.4 GB); the benchmark generates
    /// larger ones.
    static let simulatedAccounts = 1...100_000
    /// Years a simulated history may span.
    static let simulatedYears = 20

    static func check(_ value: Int, in range: ClosedRange<Int>, option: String, unit: String, example: String) throws {
        guard range.contains(value) else {
            throw ValidationError("--\(option) must be \(range.lowerBound) to \(range.upperBound) \(unit), not \(value); e.g. --\(option) \(example)")
        }
    }

    static func checkHorizon(_ value: Int) throws {
        try check(value, in: horizonDays, option: "horizon", unit: "days", example: "90")
    }

    static func checkPool(_ value: Int) throws {
        try check(value, in: poolDays, option: "pool", unit: "days", example: "4")
    }
}

/// Day options: `YYYY-MM-DD`, and an error naming that format for anything else.
func parseDay(_ text: String) throws -> CalendarDay {
    guard let day = CalendarDay(text) else {
        throw ValidationError("not a date: dates are written YYYY-MM-DD, e.g. 2026-03-31")
    }
    return day
}
