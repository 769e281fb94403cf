import ArgumentParser
import Evaluation
import Exports
import Foundation
import Ingest
import Jobs
import Survival

extension Healthscore {
    struct KPIs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kpis",
            abstract: "Portfolio figures for a period: NPS, churn, retention, MRR, ARPA, lifetime value, session length.",
            discussion: """
                Computes, for the days from --from to --to (default: the latest whole calendar \
                quarter in the data), the figures of the README's "Portfolio KPIs": NPS (% \
                promoters 9-10 minus % detractors 0-6), churn rate (C / S), customer retention \
                rate ((E - N) / S x 100), MRR and ARPA at the end of the period, average \
                customer lifetime value (ARPA / monthly churn rate) and median session \
                duration.

                With --model and a survival model (`train --survival`), the customers at \
                the period's end are scored too: the predicted lifetime value of the book \
                (--margin, --discount-rate) and the MRR expected to leave within 90 and 365 \
                days.
                """
        )

        @OptionGroup var dataset: SourceOptions
        @OptionGroup var period: PeriodOptions

        @Option(help: ArgumentHelp("A survival model, for the lifetime value and the revenue expected to leave.", valueName: "file"))
        var model: String?

        @OptionGroup var lifetime: LifetimeOptions

        @OptionGroup var json: JSONOutputOption

        func run() throws {
            try refuseOutputsOverInputs((json.out.map { [("--out", $0)] } ?? []) + dataset.extraOutputs,
                                        inputs: try dataset.inputPaths())
            let survival = try model.map { path in
                guard let survival = try attempt({ try TrainedModel.load(path: path) }).survival else {
                    throw CommandFailure("\(path) is a churn model: --model for kpis takes a survival model (`healthscore train --survival`)")
                }
                return (survival, lifetime.terms)
            }
            if model == nil, lifetime.margin != nil || lifetime.discountRate != nil {
                note("note: --margin and --discount-rate apply with --model and a survival model")
            }
            let source = try dataset.open()
            let chosen = try period.resolve(dataEnd: try source.requireLatestDay())
            let kpis = try attempt { try KPIJob.run(source, period: chosen, survival: survival) }
            try dataset.writeRejects()
            print(kpis.text)
            if let out = json.out {
                try attempt { try AtomicFile.write(Array(kpis.jsonData()), to: out) }
                print("\nFigures written to \(out)")
            }
        }
    }
}

/// The period of the portfolio figures, shared by `kpis` and `report`.
struct PeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("First day of the period (default: the first day of the latest whole quarter in the data).", valueName: "yyyy-mm-dd"), transform: parseDay)
    var from: CalendarDay?

    @Option(help: ArgumentHelp("Last day of the period (default: the last day of that quarter).", valueName: "yyyy-mm-dd"), transform: parseDay)
    var to: CalendarDay?

    func resolve(dataEnd: CalendarDay) throws -> ReportingPeriod {
        let quarter = ReportingPeriod.lastFullQuarter(endingOnOrBefore: to ?? dataEnd)
        let first = from ?? (to == nil ? quarter.first : (to!.adding(days: 1).adding(months: -3)))
        let last = to ?? (from == nil ? quarter.last : dataEnd)
        guard let period = ReportingPeriod(first: first, last: last) else {
            throw CommandFailure("--from \(first) is after --to \(last); give the first day of the period first")
        }
        return period
    }
}
