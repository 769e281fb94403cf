import Foundation
import PostgresNIO

/// A PostgreSQL database named by a `postgresql://` URL: where the score store keeps its
/// runs, and where a data source reads accounts and events.
package struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted, as libpq's `sslmode` says it.
    package enum TLSMode: String, Sendable, Equatable {
        /// Plain text.
        case disable
        /// Encrypted when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// Encrypted, without checking the server's certificate.
        case require
        /// Encrypted, with the certificate checked against the system's roots and the host name.
        case verifyFull = "verify-full"
    }

    package var user: String
    package var password: String?
    package var host: String
    package var port: Int
    package var database: String
    package var tls: TLSMode
    /// The schema the tables live in (`public` unless `?schema=` says otherwise).
    package var schema: String

    package init(user: String, password: String? = nil, host: String, port: Int = 5432, database: String,
                tls: TLSMode = .prefer, schema: String = "public") {
        self.user = user; self.password = password; self.host = host; self.port = port
        self.database = database; self.tls = tls; self.schema = schema
    }

    /// The URL again, with the password shown as `***`.
    package var description: String {
        var text = "postgresql://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
        var query: [String] = []
        if tls != .prefer { query.append("sslmode=\(tls.rawValue)") }
        if schema != "public" { query.append("schema=\(schema)") }
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        return text
    }

    /// Whether `text` names a PostgreSQL database (`postgresql://` or `postgres://`).
    package static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// Parses a `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=...&schema=...]`
    /// URL; a missing password is taken from `environment["PGPASSWORD"]`, as `psql` does.
    package init(parsing text: String, environment: [String: String]) throws(PostgresURLError) {
        let shown = PostgresLocation.redacting(text)
        func bad(_ problem: String) -> PostgresURLError { PostgresURLError(text: shown, problem: problem) }
        guard let components = URLComponents(string: text) else { throw bad("not a valid URL") }
        guard let user = components.user, !user.isEmpty else { throw bad("no user name (postgresql://USER@HOST/DATABASE)") }
        guard let host = components.host, !host.isEmpty else { throw bad("no host (postgresql://USER@HOST/DATABASE)") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw bad("no database name after the host") }
        var tls = TLSMode.prefer, schema = "public"
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                // verify-ca is checked as fully as verify-full: NIO checks the name too.
                let value = item.value == "verify-ca" ? "verify-full" : item.value ?? ""
                guard let mode = TLSMode(rawValue: value) else {
                    throw bad("sslmode must be disable, prefer, require or verify-full")
                }
                tls = mode
            case "schema":
                guard let value = item.value, PostgresLocation.isPlainName(value) else {
                    throw bad("schema must be a plain name (letters, digits and _)")
                }
                schema = value
            default:
                throw bad("unknown option '\(item.name)' (known: sslmode, schema)")
            }
        }
        let password = components.password.map { $0.removingPercentEncoding ?? $0 } ?? environment["PGPASSWORD"]
        self.init(user: user.removingPercentEncoding ?? user, password: password, host: host,
                  port: components.port ?? 5432, database: database.removingPercentEncoding ?? database,
                  tls: tls, schema: schema)
    }

    /// Letters, digits and `_`, not starting with a digit: safe to put in SQL unquoted.
    package static func isPlainName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first), name.count <= 63 else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}

/// A `postgresql://` URL that does not parse, with its password hidden.
package struct PostgresURLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL as given, its password replaced by `***`.
    package let text: String
    package let problem: String

    package var description: String { "'\(text)': \(problem)" }
}

extension PostgresLocation {
    /// `text` with anything between `://user:` and `@` replaced: for error messages about
    /// URLs that did not parse.
    package static func redacting(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@"),
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":") else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }

    /// The TLS of a connection pool, as the URL's `sslmode` asks.
    package var clientTLS: PostgresClient.Configuration.TLS {
        switch tls {
        case .disable: .disable
        case .prefer: .prefer(PostgresLocation.unchecked)
        case .require: .require(PostgresLocation.unchecked)
        case .verifyFull: .require(.makeClientConfiguration())
        }
    }

    /// The configuration of a single connection: the URL's server, login and TLS, with the
    /// schema as the search path (so unqualified table names are the schema's) and UTC as
    /// the session's time zone.
    package func connectionConfiguration(connectTimeoutSeconds: Int64 = 20) throws -> PostgresConnection.Configuration {
        let context: PostgresConnection.Configuration.TLS = switch tls {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: PostgresLocation.unchecked))
        case .require: .require(try NIOSSLContext(configuration: PostgresLocation.unchecked))
        case .verifyFull: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                             database: database, tls: context)
        configuration.options.additionalStartupParameters = [("search_path", schema), ("TimeZone", "UTC"),
                                                             ("application_name", "healthscore")]
        configuration.options.connectTimeout = .seconds(connectTimeoutSeconds)
        return configuration
    }

    /// Encrypted without checking the certificate: libpq's `prefer` and `require`.
    private static var unchecked: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }
}
