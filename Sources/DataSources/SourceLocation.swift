import Features
import Ingest

/// Opens the data a command names: a folder of CSV exports (the only kind so far; a
/// database URL will open a source that computes the features itself).
package enum SourceLocation {
    /// How to read the source: the reading rules and where rows with problems go.
    package struct Options: Sendable {
        /// Refuse rows that would otherwise be skipped and counted (`RowRules`).
        package var strict = false
        /// Other file names, columns, date formats and units (a mapping file).
        package var mapping = DatasetMapping()
        /// Set rows with a problem aside here and go on; nil stops at the file's problems.
        package var rejects: RejectedRows?
        /// Shows how far a long read has got.
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
    /// (`RowRules`); `progress` shows how far a long read has got.
    package static func open(_ location: String, strict: Bool = false,
                             progress: ReadProgress? = nil) throws(InputError) -> any DataSource {
        try open(location, options: Options(strict: strict, progress: progress))
    }

    package static func open(_ location: String, options: Options) throws(InputError) -> any DataSource {
        var folder = try DatasetFolder(path: location, strict: options.strict, mapping: options.mapping,
                                       rejects: options.rejects)
        folder.progress = options.progress
        return folder
    }

    /// The files reading `location` may open (present or not), before anything is read:
    /// what no output of the run may be.
    package static func inputPaths(_ location: String, mapping: DatasetMapping = DatasetMapping()) -> [String] {
        DatasetFolder.inputPaths(location, mapping: mapping)
    }
}
