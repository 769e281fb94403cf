import Features
import Modeling

/// An account's log-odds of churn split by signal family: what the score store keeps so
/// that a change of score can be explained family by family.
///
/// Eight numbers in place rather than an array: a run of a million accounts is split
/// once per account.
package struct FamilyContributions: Sendable, Equatable {
    /// Positions in `SignalFamily.allCases`; one slot to spare.
    private var values = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)

    package init() {}

    /// The contribution of the family at `index` in `SignalFamily.allCases`.
    package subscript(_ index: Int) -> Double {
        get {
            precondition(index >= 0 && index < SignalFamily.allCases.count, "family index out of range")
            return withUnsafeBytes(of: values) { $0.load(fromByteOffset: index * 8, as: Double.self) }
        }
        set {
            precondition(index >= 0 && index < SignalFamily.allCases.count, "family index out of range")
            withUnsafeMutableBytes(of: &values) { $0.storeBytes(of: newValue, toByteOffset: index * 8, as: Double.self) }
        }
    }

    package static func == (a: FamilyContributions, b: FamilyContributions) -> Bool {
        SignalFamily.allCases.indices.allSatisfy { a[$0] == b[$0] }
    }
}

extension Scorer {
    /// The names of the model's features, in the order `contributions(featureValue:)` asks for them.
    package var featureNames: [String] { model.features.map(\.name) }

    /// The account's contributions per family: the same products, summed in the same order,
    /// as `score(_:)` sums them, so they are the very numbers behind its probability.
    package func contributions(_ signals: AccountSignals) -> FamilyContributions {
        contributions { terms[$0].value(signals) }
    }

    /// The contributions from feature values already computed: `featureValue(i)` is the
    /// value of the model's i-th feature (nil or NaN when missing). Equal to
    /// `contributions(_:)` bit for bit when the values are those of the catalogue.
    package func contributions(featureValue: (Int) -> Double?) -> FamilyContributions {
        var result = FamilyContributions()
        for (index, term) in terms.enumerated() {
            let x = ModelFeature.standardize(featureValue(index), fill: term.fill, center: term.center, scale: term.scale)
            result[term.family] += term.coefficient * x
        }
        return result
    }
}
