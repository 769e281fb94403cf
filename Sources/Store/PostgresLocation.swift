import Foundation

/// A PostgreSQL database named by a `postgresql://` URL.
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
    /// The schema the store's tables live in (`public` unless `?schema=` says otherwise).
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

    init(parsing text: String, environment: [String: String]) throws(StoreError) {
        let shown = StoreURL.redacting(text)
        func bad(_ problem: String) -> StoreError { .badURL(text: shown, problem: problem) }
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
    static func isPlainName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first), name.count <= 63 else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
