import Foundation
import GRDB

/// A row of `runs`: one scoring of one day with one model.
struct RunRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "runs"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64?
    /// The day scored, `YYYY-MM-DD`.
    var asOf: String
    var createdAt: String
    var modelFingerprint: String
    var atRiskBelow: Int
    var watchBelow: Int
    var accountCount: Int
    /// JSON array of the feature names whose values each account row packs, in order.
    var featureNames: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    static func encodeNames(_ names: [String]) -> String {
        // An array of strings always encodes.
        String(decoding: (try? JSONEncoder().encode(names)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeNames(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
