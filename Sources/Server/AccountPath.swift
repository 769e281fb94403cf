import Foundation

/// Account ids in addresses: escaped in every link, and read back from a path segment
/// only when they cannot be mistaken for a path (no slash, backslash, control character,
/// nor a dot segment), so that `../etc/passwd` or `..%2Fetc` is a page not found and
/// never a question to the store.
enum AccountPath {
    static func link(_ id: String) -> String { "/accounts/" + QueryString.escape(id) }

    static func apiLink(_ id: String) -> String { "/api/v1/accounts/" + QueryString.escape(id) }

    /// The id a path segment names, or nil when it is not a plausible account id.
    static func id(fromSegment raw: String?) -> String? {
        guard let raw, !raw.isEmpty, let id = raw.removingPercentEncoding, !id.isEmpty, id.utf8.count <= 512 else { return nil }
        if id == "." || id == ".." { return nil }
        for scalar in id.unicodeScalars {
            if scalar == "/" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F { return nil }
        }
        return id
    }
}
