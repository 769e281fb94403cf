import GRDB

/// A row of `models`: a model file kept whole, under the hash of its bytes.
struct ModelRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "models"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// SHA-256 of the file's bytes, hex.
    var fingerprint: String
    /// The model file's text.
    var modelJson: String
    var horizonDays: Int
    /// The model's training day, `YYYY-MM-DD`.
    var asOf: String
    /// When the first run with this model was recorded.
    var createdAt: String
}
