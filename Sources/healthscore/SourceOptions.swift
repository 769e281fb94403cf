import ArgumentParser
import DataSources
import Features
import Ingest

/// `--data` and `--strict`, shared by every command that reads customer data.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Dataset folder with accounts.csv and the event files, or a postgresql://USER@HOST[:PORT]/DATABASE URL (tables as `healthscore load` creates them; ?schema=NAME, ?sslmode=require; password from the URL or PGPASSWORD).",
        valueName: "dir|url"))
    var data: String

    @Flag(help: "Stop at the first event for an unknown account or dated before its account started, instead of skipping and counting such rows.")
    var strict = false

    func open() throws -> any DataSource {
        // How far a long read has got, on stderr, only when a person is watching.
        try attempt { try SourceLocation.open(data, strict: strict, progress: ReadProgress.onTerminal()) }
    }
}

extension DataSource {
    /// The latest date in the data, or a one-line failure when it has none.
    func requireLatestDay() throws -> CalendarDay {
        guard let latest = try attempt({ try latestDay() }) else { throw CommandFailure("the data holds no dates") }
        return latest
    }
}
