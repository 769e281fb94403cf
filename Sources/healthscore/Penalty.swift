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

    /// nil for `auto`.
    var fixedValue: Double? {
        if case .fixed(let value) = self { return value }
        return nil
    }
}
