/// Why an account is in a list of changes.
package enum ChangeKind: String, Sendable, Equatable, Encodable {
    /// In both runs, with a worse tier or a health score down by at least the minimum drop.
    case worse
    /// Only in the later run.
    case new
    /// Only in the earlier run.
    case gone
}
