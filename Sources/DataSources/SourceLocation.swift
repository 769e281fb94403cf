import Features
import Foundation
import Ingest
import PostgresAccess

/// Opens the data a command names: a folder of CSV exports, or a PostgreSQL database
/// (`postgresql://` or `postgres://`) that computes the features itself.
package enum SourceLocation {
    /// How to read the source: the reading rules and where rows with problems go.
    package struct Options: Sendable {
        /// Refuse rows that would otherwise be skipped and counted (`RowRules`).
        package var strict = false
        /// Other file names, columns, date formats and units (a mapping file); folders only.
        package var mapping = DatasetMapping()
        /// Set rows with a problem aside here and go on; nil stops at the file's problems.
        /// Folders only: a database's rows were checked when they were loaded.
        package var rejects: RejectedRows?
        /// Shows how far a long read of a folder has got.
        package var progress: ReadProgress?

        package init(strict: Bool = false, mapping: DatasetMapping = DatasetMapping(), rejects: RejectedRows? = nil,
                     progress: ReadProgress? = nil) {
            self.strict = strict
            self.mapping = mapping
            self.rejects = rejects
            self.progress = progress
        }
    }

    /// Opens `location`. `strict` refuses rows that would otherwise be skipped and counted
    /// (`RowRules`); `progress` shows how far a long read of a folder has got.
    package static func open(_ location: String, strict: Bool = false,
                             progress: ReadProgress? = nil) throws -> any DataSource {
        try open(location, options: Options(strict: strict, progress: progress))
    }

    /// Opens `location` with `options`. A database's password comes from the URL or, when
    /// the URL has none, from `PGPASSWORD`.
    package static func open(_ location: String, options: Options,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any DataSource {
        if isDatabase(location) {
            return try PostgresSource.open(try database(location, environment: environment), strict: options.strict)
        }
        var folder = try DatasetFolder(path: location, strict: options.strict, mapping: options.mapping,
                                       rejects: options.rejects)
        folder.progress = options.progress
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

    /// The files reading `location` may open (present or not), before anything is read:
    /// what no output of the run may be. A database has none.
    package static func inputPaths(_ location: String, mapping: DatasetMapping = DatasetMapping()) -> [String] {
        isDatabase(location) ? [] : DatasetFolder.inputPaths(location, mapping: mapping)
    }
}
