import ArgumentParser
import Exports
import Foundation
import Ingest
import Store

extension Healthscore {
    struct Changes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What changed between two recorded runs, and why.",
            discussion: """
                By default compares the latest run with the one before; --from and --to pick the \
                latest run on or before each day. Lists the accounts whose tier got worse or whose \
                health score fell by at least --min-drop points, the accounts new in the later run \
                and those gone from it, the largest rise in revenue at risk first. Each account's \
                change in log-odds is split into one term per signal family, plus a model term \
                when the two runs used different models; the terms add up to the whole change. \
                --out writes every account as CSV (spreadsheet-safe) or JSON.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: ArgumentHelp("Compare from the latest run on or before this day.", valueName: "yyyy-mm-dd"))
        var from: CalendarDay?

        @Option(help: ArgumentHelp("Compare to the latest run on or before this day.", valueName: "yyyy-mm-dd"))
        var to: CalendarDay?

        @Option(name: .customLong("min-drop"), help: ArgumentHelp("Health points an account must lose to be listed without a tier change.", valueName: "points"))
        var minDrop = 10

        @Option(help: ArgumentHelp("Write the whole list here (.csv or .json) instead of a table.", valueName: "file"))
        var out: String?

        /// Rows of the table printed when there is no --out.
        static let shownRows = 50

        func validate() throws {
            guard minDrop >= 0 else { throw ValidationError("--min-drop is a number of health points, 0 or more") }
            if let out { _ = try attempt { try ScoreFile.format(of: out) } }
        }

        func run() async throws {
            let report = try await storeOptions.withExistingStore { try await $0.changes(from: from, to: to, minimumDrop: minDrop) }
            let count = { (kind: ChangeKind) in report.accounts.filter { $0.change == kind }.count }
            let model = report.from.modelFingerprint == report.to.modelFingerprint ? "same model" : "the model changed"
            let summary = "\(report.from.asOf) (run \(report.from.id)) -> \(report.to.asOf) (run \(report.to.id)), \(model): \(count(.worse)) worse, \(count(.new)) new, \(count(.gone)) gone."
            if let out {
                try attempt { try ChangesFile.write(report, to: out) }
                print(summary + " Written to \(out)")
                return
            }
            print(summary)
            guard !report.accounts.isEmpty else { return }
            print(ChangesTable.render(report.accounts.prefix(Changes.shownRows)))
            if report.accounts.count > Changes.shownRows {
                print("... and \(report.accounts.count - Changes.shownRows) more; --out FILE.csv writes them all.")
            }
        }
    }
}
