import Features
import Ingest

/// Opens the data a command names: a folder of CSV exports (the only kind so far; a
/// database URL will open a source that computes the features itself).
package enum SourceLocation {
    /// Opens `location`. `strict` refuses rows that would otherwise be skipped and counted
    /// (`RowRules`); `progress` shows how far a long read has got.
    package static func open(_ location: String, strict: Bool = false,
                             progress: ReadProgress? = nil) throws(InputError) -> any DataSource {
        var folder = try DatasetFolder(path: location, strict: strict)
        folder.progress = progress
        return folder
    }
}
