import ArgumentParser
import DataSources
import Foundation
import Ingest

extension Healthscore {
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a folder of exports into PostgreSQL, where --data can then read it.",
            discussion: """
                Creates the tables accounts, sessions, nps, marketing and interactions (and \
                the schema of ?schema=NAME) when missing, and loads the folder's files in one \
                transaction: a bad row stops the load with its file, line and column, and the \
                tables keep what they held. The files are checked as reading them checks \
                them. Rows of accounts missing from accounts.csv, or dated before their \
                account started, are loaded, and skipped and counted when the database is \
                read, as they are for the files; with --strict they refuse the load.

                By default the folder is added to the tables, and an account already loaded \
                refuses the load; --replace empties the tables first (in the same \
                transaction). Then:
                  healthscore train --data postgresql://USER@HOST/DATABASE --as-of 2026-06-30
                """
        )

        @Option(help: ArgumentHelp("Dataset folder with accounts.csv and the event files.", valueName: "dir"))
        var data: String

        @Option(help: ArgumentHelp(
            "The database: postgresql://USER@HOST[:PORT]/DATABASE (?schema=NAME, ?sslmode=require; password from the URL or PGPASSWORD).",
            valueName: "url"))
        var into: String

        @Flag(help: "Empty the tables before loading, instead of adding to them.")
        var replace = false

        @Flag(help: "Refuse rows for unknown accounts or dated before their account started, instead of loading them.")
        var strict = false

        @Option(help: ArgumentHelp("A YAML file naming the exports' files, columns, date formats, units and event names (docs/mappings.md).", valueName: "file.yaml"))
        var mapping: String?

        func validate() throws {
            guard !SourceLocation.isDatabase(data) else {
                throw ValidationError("--data is the folder to load; the database goes in --into")
            }
            guard SourceLocation.isDatabase(into) else {
                throw ValidationError("--into takes a postgresql://USER@HOST/DATABASE URL")
            }
        }

        func run() async throws {
            let location = try attempt { try SourceLocation.database(into) }
            let mapping = try self.mapping.map { path in try attempt { try MappingFile.load(path: path) } } ?? DatasetMapping()
            let folder = try attempt { try DatasetFolder(path: data, strict: strict, mapping: mapping) }
            let started = Date()
            let summary = try await attempt { try await PostgresLoader.load(folder, into: location, replace: replace) }
            let seconds = Date().timeIntervalSince(started)
            for file in summary.missing { note("note: \(file.fileName) not found: table \(file.rawValue) left as it was") }
            for report in summary.reports {
                if let skipped = report.skippedSummary {
                    note("note: \(skipped.replacingOccurrences(of: ": skipped ", with: ": loaded ")); reading skips them (--strict refuses them)")
                }
            }
            let rows = summary.reports.map { "\($0.rows) \($0.file.rawValue)" }
            let verb = summary.replaced ? "Replaced the tables with" : "Loaded"
            print("\(verb) \(summary.accounts) accounts\(rows.isEmpty ? "" : ", " + rows.joined(separator: ", ")) into \(location) in \(String(format: "%.1f", seconds)) s.")
        }
    }
}
