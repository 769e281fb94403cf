import Features

/// An account's change in log-odds of churn, split into one term per signal family plus
/// a model term; the terms add up to the whole change.
///
/// Same model in both runs: each family's term is its contribution in the later run
/// minus its contribution in the earlier one, and the model term is 0. Different
/// models: the model term is the new model on the old features minus the old model on
/// the old features (what changing the model alone did), and each family's term is the
/// new model's contribution on the new features minus the new model's contribution on
/// the old features (what the account's own change did, as the new model weighs it).
package struct ChangeTerms: Sendable, Equatable, Encodable {
    /// In `SignalFamily.allCases` order.
    package var families: [Double]
    package var model: Double

    package init(families: [Double], model: Double) {
        precondition(families.count == SignalFamily.allCases.count, "one term per signal family")
        self.families = families
        self.model = model
    }

    package subscript(family: SignalFamily) -> Double {
        families[SignalFamily.allCases.firstIndex(of: family)!]
    }

    /// The whole change in log-odds.
    package var total: Double { families.reduce(model, +) }

    /// Column names: each family's name, then "model".
    package static let names = SignalFamily.allCases.map(\.rawValue) + ["model"]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `{"<family>": t, ..., "model": t}`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (family, term) in zip(SignalFamily.allCases, families) {
            try container.encode(term, forKey: Key(stringValue: family.rawValue))
        }
        try container.encode(model, forKey: Key(stringValue: "model"))
    }
}
