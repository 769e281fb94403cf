import Foundation
import PostgresAccess

/// Where a score store lives: an SQLite file, or a PostgreSQL database a team shares.
///
/// `sqlite:PATH`, or any path ending in `.sqlite` or `.db`, names an SQLite file;
/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE` (or `postgres://`) a PostgreSQL
/// database, with `?sslmode=disable|prefer|require|verify-full` and `?schema=NAME`.
/// The description hides the password, so a URL can be printed or logged.
package enum StoreURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// Parses a store URL; a missing password is taken from `environment["PGPASSWORD"]`,
    /// as `psql` does.
    package init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) {
        let lower = text.lowercased()
        if lower.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            // sqlite:///abs/path and sqlite://rel are spelled both ways in the wild.
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw .badURL(text: "sqlite:", problem: "no file path after sqlite:") }
            self = .sqlite(path: path)
        } else if PostgresLocation.isURL(text) {
            do {
                self = .postgres(try PostgresLocation(parsing: text, environment: environment))
            } catch {
                throw .badURL(text: error.text, problem: error.problem)
            }
        } else if lower.hasSuffix(".sqlite") || lower.hasSuffix(".db") {
            self = .sqlite(path: text)
        } else {
            throw .badURL(text: PostgresLocation.redacting(text),
                          problem: "not a store URL; use sqlite:PATH, a path ending in .sqlite or .db, or postgresql://USER@HOST/DATABASE")
        }
    }

    package var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let location): location.description
        }
    }
}
