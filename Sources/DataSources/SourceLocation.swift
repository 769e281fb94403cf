import Features
import Foundation
import Ingest
import PostgresAccess

/// Opens the data a command names: a folder of CSV exports, or a PostgreSQL database
/// (`postgresql://` or `postgres://`) that computes the features itself.
package enum SourceLocation {
    /// Opens `location`. `strict` refuses rows that would otherwise be skipped and counted
    /// (`RowRules`); `progress` shows how far a long read of a folder has got. A database's
    /// password comes from the URL or, when the URL has none, from `PGPASSWORD`.
    package static func open(_ location: String, strict: Bool = false, progress: ReadProgress? = nil,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any DataSource {
        if PostgresLocation.isURL(location) {
            return try PostgresSource.open(try database(location, environment: environment), strict: strict)
        }
        var folder = try DatasetFolder(path: location, strict: strict)
        folder.progress = progress
        return folder
    }

    /// Whether `location` names a database rather than a folder.
    package static func isDatabase(_ location: String) -> Bool { PostgresLocation.isURL(location) }

    /// The database a `postgresql://` URL names.
    package static func database(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(PostgresSourceError) -> PostgresLocation {
        do {
            return try PostgresLocation(parsing: url, environment: environment)
        } catch {
            throw .badURL(error)
        }
    }
}
