import ArgumentParser
import Regression

@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthscore-bench",
        abstract: "Times every stage of healthscore on simulated customer bases.",
        discussion: """
            Build it in release mode: swift build -c release --product healthscore-bench. \
            `run` generates data at several sizes under --work and prints one table of \
            stages; `generate` writes one simulated base, e.g. for scripts/compare_pandas.py; \
            `serve` loads the dashboard with wrk on a store of 100,000 accounts x 26 runs; \
            `store` times recording, changes and history on a store of 1,000,000 accounts.
            """,
        subcommands: [Run.self, Generate.self, FitOnly.self, ServeLoad.self, StoreStage.self],
        defaultSubcommand: Run.self
    )

    /// OpenBLAS's idle workers stopped, as `healthscore` does.
    static func main() async {
        BLASThreads.stopIdleWorkers()
        await main(nil)
    }
}
