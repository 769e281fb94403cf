import Foundation

/// One account's runs, oldest first.
public struct AccountHistory: Sendable, Equatable, Encodable {
    public var accountID: String
    public var runs: [HistoryEntry]

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id", runs
    }

    /// `{"account_id": ..., "runs": [...]}`, keys sorted, as `history --json` prints it.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Plain values: encoding cannot fail.
        return ((try? encoder.encode(self)) ?? Data("{}".utf8)) + Data([10])
    }
}
