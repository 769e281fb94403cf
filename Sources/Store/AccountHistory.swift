import Foundation

/// One account's runs, oldest first.
package struct AccountHistory: Sendable, Equatable, Encodable {
    package var accountID: String
    package var runs: [HistoryEntry]

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id", runs
    }

    /// `{"account_id": ..., "runs": [...]}`, keys sorted, as `history --json` prints it.
    package func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Plain values: encoding cannot fail.
        return ((try? encoder.encode(self)) ?? Data("{}".utf8)) + Data([10])
    }
}
