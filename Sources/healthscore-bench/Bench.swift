import ArgumentParser

@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthscore-bench",
        abstract: "Times every stage of healthscore on simulated customer bases.",
        discussion: """
            Build it in release mode: swift build -c release --product healthscore-bench.
            `run` generates data at several sizes under --work and prints one table of
            stages; `generate` writes one simulated base, e.g. for scripts/compare_pandas.py.
            """,
        subcommands: [Run.self, Generate.self, FitOnly.self, StoreStage.self],
        defaultSubcommand: Run.self
    )
}
