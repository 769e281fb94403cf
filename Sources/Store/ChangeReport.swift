import Foundation

/// What changed between two runs: the accounts that got worse, arrived or left, the
/// largest rise in revenue at risk first.
package struct ChangeReport: Sendable, Equatable, Encodable {
    package var from: RunSummary
    package var to: RunSummary
    /// Health points an account must lose to count as worse without a tier change.
    package var minimumDrop: Int
    package var accounts: [AccountChange]

    enum CodingKeys: String, CodingKey {
        case from, to, fromRun = "from_run", toRun = "to_run", fromModel = "from_model", toModel = "to_model"
        case minimumDrop = "min_drop", accounts
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from.asOf, forKey: .from)
        try container.encode(to.asOf, forKey: .to)
        try container.encode(from.id, forKey: .fromRun)
        try container.encode(to.id, forKey: .toRun)
        try container.encode(from.modelFingerprint, forKey: .fromModel)
        try container.encode(to.modelFingerprint, forKey: .toModel)
        try container.encode(minimumDrop, forKey: .minimumDrop)
        try container.encode(accounts, forKey: .accounts)
    }

    /// The report as JSON, keys sorted: the shape `changes --out FILE.json` writes.
    package func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Plain values: encoding cannot fail.
        return ((try? encoder.encode(self)) ?? Data("{}".utf8)) + Data([10])
    }
}
