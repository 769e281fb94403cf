import Features

/// One account's score as numbers: what the model says, before names and words are added
/// (`ScoredSnapshot.row(at:)` adds them).
package struct AccountScore: Sendable, Equatable {
    /// Chance of churning within the model's horizon.
    package var churnProbability: Double
    /// round(100 x (1 - churn probability)): 100 is certain to stay, 0 certain to leave.
    package var healthScore: Int
    package var tier: Tier
    /// The signal families behind the reasons, strongest first.
    package var reasons: ReasonFamilies

    /// Churn probability x MRR: the monthly revenue the account puts at risk (none when
    /// its MRR is unknown).
    package func revenueAtRisk(mrr: Double?) -> Double { churnProbability * (mrr ?? 0) }
}

/// Up to three signal families, strongest first: an account's reasons before they are
/// put in words. Four bytes, where the words take about 150.
package struct ReasonFamilies: Sendable, Equatable, RandomAccessCollection {
    /// Positions in `SignalFamily.allCases`.
    private var codes: (UInt8, UInt8, UInt8) = (0, 0, 0)
    private var storedCount: UInt8 = 0

    package var count: Int { Int(storedCount) }

    /// Room for three: a CRM field and a call-prep note hold three reasons; more would
    /// bury the first.
    package static let capacity = 3

    package init() {}

    package var startIndex: Int { 0 }
    package var endIndex: Int { count }

    package subscript(position: Int) -> SignalFamily {
        precondition(position >= 0 && position < count, "reason index out of range")
        let code = position == 0 ? codes.0 : position == 1 ? codes.1 : codes.2
        return SignalFamily.allCases[Int(code)]
    }

    /// Adds the next weaker family; ignored when three are there already.
    mutating func append(familyIndex: Int) {
        guard count < ReasonFamilies.capacity else { return }
        let code = UInt8(familyIndex)
        switch count {
        case 0: codes.0 = code
        case 1: codes.1 = code
        default: codes.2 = code
        }
        storedCount += 1
    }

    package static func == (a: ReasonFamilies, b: ReasonFamilies) -> Bool { a.elementsEqual(b) }
}
