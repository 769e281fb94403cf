import ArgumentParser
import DataSources
import Exports
import Features
import Foundation
import Ingest

/// `--data`, `--strict`, `--mapping` and `--rejects`, shared by every command that reads
/// customer data.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Dataset folder with accounts.csv and the event files, or a postgresql://USER@HOST[:PORT]/DATABASE URL (tables as `healthscore load` creates them; ?schema=NAME, ?sslmode=require; password from the URL or PGPASSWORD).",
        valueName: "dir|url"))
    var data: String

    @Flag(help: "Stop at the first event for an unknown account or dated before its account started, instead of skipping and counting such rows.")
    var strict = false

    @Option(help: ArgumentHelp("A YAML file naming the exports' files, columns, date formats, units and event names (docs/mappings.md).", valueName: "file.yaml"))
    var mapping: String?

    @Option(help: ArgumentHelp("Set rows with a problem aside in this CSV file (file, line, column, reason, row) and go on, instead of stopping with the first 20 problems of a file.", valueName: "file.csv"))
    var rejects: String?

    func validate() throws {
        if let rejects, !rejects.lowercased().hasSuffix(".csv") {
            throw ValidationError("--rejects writes CSV: end the file name in .csv, e.g. --rejects rejects.csv")
        }
    }

    /// The mapping file read and checked (the identity without one).
    func datasetMapping() throws -> DatasetMapping {
        guard let mapping else { return DatasetMapping() }
        return try attempt { try MappingFile.load(path: mapping) }
    }

    /// Every file the command reads: the dataset's files and the mapping file.
    func inputPaths() throws -> [String] {
        SourceLocation.inputPaths(data, mapping: try datasetMapping()) + (mapping.map { [$0] } ?? [])
    }

    func open() throws -> any DataSource {
        if SourceLocation.isDatabase(data), let flag = mapping != nil ? "--mapping" : rejects != nil ? "--rejects" : nil {
            throw CommandFailure("\(flag) applies to a folder of exports; a database's tables are read as `healthscore load` made them, and load checked their rows. Drop \(flag), or load the folder with it first")
        }
        let options = SourceLocation.Options(strict: strict, mapping: try datasetMapping(),
                                             rejects: rejects == nil ? nil : RunState.rejected,
                                             progress: ReadProgress.onTerminal())
        // How far a long read has got, on stderr, only when a person is watching.
        return try attempt { try SourceLocation.open(data, options: options) }
    }

    /// Writes the rows set aside (when `--rejects` was given) and says how many, per file.
    func writeRejects() throws {
        guard let rejects else { return }
        let rows = RunState.rejected.all
        var line = CSVLine()
        for name in ["file", "line", "column", "reason", "row"] { line.text(name) }
        line.endRow()
        for row in rows {
            line.text(row.file)
            line.integer(row.line)
            line.text(row.column ?? "")
            line.text(row.reason)
            var inner = CSVLine()
            for field in row.fields { inner.text(field) }
            line.text(String(decoding: inner.bytes, as: UTF8.self))
            line.endRow()
        }
        try attempt { try AtomicFile.write(line.take(), to: rejects) }
        if rows.isEmpty {
            note("note: no row had a problem; \(rejects) holds the header only")
        } else {
            let perFile = RunState.rejected.counts.map { "\($0.rows) of \($0.file)" }.joined(separator: ", ")
            note("note: set aside \(rows.count) row\(rows.count == 1 ? "" : "s") with a problem (\(perFile)) in \(rejects); the rest was used")
        }
    }

    /// The files the command writes besides its main output.
    var extraOutputs: [(flag: String, path: String)] { rejects.map { [("--rejects", $0)] } ?? [] }
}

/// What one run of the command line holds for its whole length.
enum RunState {
    /// Rows set aside by `--rejects`, from every read of the data.
    static let rejected = RejectedRows()
}

extension DataSource {
    /// The latest date in the data, or a one-line failure when it has none.
    func requireLatestDay() throws -> CalendarDay {
        guard let latest = try attempt({ try latestDay() }) else { throw CommandFailure("the data holds no dates") }
        return latest
    }
}

/// Refuses, before any work, to write an output over one of the run's inputs (the same
/// file by device and inode, so through symbolic and hard links too), or two outputs to
/// one file: `score --out DATA/accounts.csv` would otherwise replace the accounts.
func refuseOutputsOverInputs(_ outputs: [(flag: String, path: String)], inputs: [String]) throws {
    for (index, output) in outputs.enumerated() {
        if let input = FileIdentity.clash(output: output.path, inputs: inputs) {
            let how = output.path == input ? "" : " (the same file under another name or through a link)"
            throw CommandFailure("\(output.flag) \(output.path) is the input \(input)\(how); writing it would destroy the input: choose another output file. Nothing was read or written")
        }
        for other in outputs[..<index] where other.path == output.path
            || (FileIdentity.of(other.path) != nil && FileIdentity.of(other.path) == FileIdentity.of(output.path)) {
            throw CommandFailure("\(output.flag) and \(other.flag) name the same file \(output.path): choose two files. Nothing was read or written")
        }
    }
}
