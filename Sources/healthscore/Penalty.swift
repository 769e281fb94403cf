import ArgumentParser

/// A ridge penalty given on the command line: `auto` or a number >= 0.
enum Penalty: ExpressibleByArgument, Equatable {
    case auto
    case fixed(Double)

    init?(argument: String) {
        if argument == "auto" { self = .auto; return }
        guard let value = Double(argument), value >= 0, value.isFinite else { return nil }
        self = .fixed(value)
    }

    var defaultValueDescription: String { fixedValue.map { "\($0)" } ?? "auto" }

    /// Refuses a penalty beyond `OptionLimits.maximumL2`.
    func validate() throws {
        if let value = fixedValue, value > OptionLimits.maximumL2 {
            throw ValidationError("--l2 must be auto or 0 to \(Int(OptionLimits.maximumL2)), e.g. --l2 1")
        }
    }

    /// nil for `auto`.
    var fixedValue: Double? {
        if case .fixed(let value) = self { return value }
        return nil
    }
}
