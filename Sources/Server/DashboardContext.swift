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

    /// Escapes all but the unreserved characters of RFC 3986, byte by byte of the UTF-8.
    package static func escape(_ text: String) -> String {
        func unreserved(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
        }
        guard !text.utf8.allSatisfy(unreserved) else { return text }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if unreserved(byte) {
                bytes.append(byte)
            } else {
                bytes += [0x25, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
