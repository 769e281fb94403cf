import Foundation
import Hummingbird
import Logging

/// What every request of the dashboard carries through the middleware to its route: the
/// framework's core storage, and the query string decoded once.
package struct DashboardContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The query string's parameters, decoded (`+` as a space, percent escapes undone).
    package var query = QueryString()

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

/// A query string's parameters, the first value of each name kept.
package struct QueryString: Sendable, Equatable {
    package private(set) var values: [String: String] = [:]

    package init() {}

    /// Parses `a=1&b=two+words`; malformed escapes leave the raw text.
    package init(_ raw: String?) {
        guard let raw, !raw.isEmpty else { return }
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = QueryString.decode(parts[0])
            let value = parts.count > 1 ? QueryString.decode(parts[1]) : ""
            if values[name] == nil { values[name] = value }
        }
    }

    package subscript(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// `name=value&...` with each part escaped, in the order given; nil values left out.
    package static func encode(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { "\(escape(name))=\(escape($0))" } }.joined(separator: "&")
    }

    /// Escapes all but the unreserved characters of RFC 3986.
    package static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
