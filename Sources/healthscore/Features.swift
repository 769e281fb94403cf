import ArgumentParser
import Exports
import Features
import Ingest
import Jobs
import Modeling

extension Healthscore {
    struct Features: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the feature table as of a day, to inspect it or fit your own model.",
            discussion: """
                One row per account that is a customer on --as-of: account_id, churned (1 when \
                the account churned within --horizon days after, 0 otherwise; only meaningful \
                when the data reaches that far), then every feature of the README's table. \
                Missing values are left empty. `healthscore fit` reads the same layout once \
                the account_id column is dropped and missing cells are filled.

                --survival writes the account-month table that `train --survival` fits \
                instead: one row per account per month it was a customer at the month's \
                start, up to --as-of: account_id, as_of (the day before the month), \
                tenure_months, churned (1 when it churned during the month), the tenure \
                periods as 0/1 columns (the first left out), then the features. Drop \
                account_id, as_of and tenure_months and fill missing cells with the column \
                mean, and `healthscore fit --label churned` gives the survival model fitted \
                with --l2 0, per unit of each feature instead of per standard deviation.
                """
        )

        @OptionGroup var dataset: SourceOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp("The snapshot day: features use events up to and including it.", valueName: "yyyy-mm-dd"), transform: parseDay)
        var asOf: CalendarDay

        @Option(help: ArgumentHelp("Days after --as-of in which a churn counts for the churned column.", valueName: "days"))
        var horizon = 90

        @Flag(help: "Write the account-month table of `train --survival` up to --as-of.")
        var survival = false

        @Option(help: ArgumentHelp("Where to write the table (.csv).", valueName: "file"))
        var out: String

        func validate() throws {
            try OptionLimits.checkHorizon(horizon)
            guard out.lowercased().hasSuffix(".csv") else { throw ValidationError("--out is a CSV file, e.g. --out features.csv") }
        }

        func run() throws {
            try refuseOutputsOverInputs([("--out", out)] + dataset.extraOutputs, inputs: try dataset.inputPaths())
            let source = try dataset.open()
            if survival {
                let (table, notices) = try attempt { try AccountMonthJob.run(source, asOf: asOf) }
                report(notices)
                let rows = try attempt { try AccountMonthFile.write(table, accounts: source.accounts, to: out) }
                print("\(rows) account-months of \(table.months.count) months (\(table.months.first!) ... \(table.months.last!)) x \(table.features.count) features written to \(out)")
                return
            }
            let snapshot = try attempt { try source.snapshot(asOf: asOf) }
            report(Notice.reading(snapshot))
            try dataset.writeRejects()
            guard snapshot.count > 0 else {
                throw CommandFailure("no account is a customer on \(asOf): no feature table to write, so \(out) is left as it was; pick an --as-of inside the data's history")
            }
            let table = FeatureTable(snapshot)
            let trainer = ModelTrainer(horizonDays: horizon)
            let file = try attempt { try AtomicFile(path: out) }
            var line = CSVLine()
            line.text("account_id")
            line.text("churned")
            for feature in table.features { line.text(feature.name) }
            line.endRow()
            for (row, position) in snapshot.accountPositions.enumerated() {
                let account = source.accounts.accounts[Int(position)]
                line.text(account.id)
                line.integer(Int(trainer.label(account, asOf: asOf)))
                for column in table.columns { line.number(column[row].isNaN ? nil : column[row], decimals: 10) }
                line.endRow()
                if line.bytes.count >= 1 << 20 { try attempt { try file.append(line.take()) } }
            }
            try attempt {
                try file.append(line.take())
                try file.commit()
            }
            print("\(snapshot.count) accounts x \(table.features.count) features as of \(asOf) written to \(out)")
        }
    }
}
