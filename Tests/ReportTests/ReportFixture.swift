import Evaluation
import Exports
import Foundation
import Ingest
import Modeling
import Report
import Jobs
import DataSources
import Simulation
import Survival
import TestSupport

/// A simulated base whose account names and owners are hostile HTML, and its report.
struct ReportFixture {
    static let hostileName = "<script>alert(1)</script>"
    static let hostileOwner = "O'Brien & \"Sons\" <b>bold</b>"

    let folder: TemporaryFolder
    let data: ReportData
    let html: String

    /// With `survival`, the list comes from a survival model fitted on every month up to the
    /// month before the data ends, so the report shows curves and lifetime values.
    init(accounts: Int = 600, seed: UInt64 = 7, survival: Bool = false) throws {
        folder = TemporaryFolder()
        var config = SimulationConfig()
        config.accounts = accounts
        config.seed = seed
        _ = try CustomerBaseSimulator.generate(config, into: URL(fileURLWithPath: folder.path, isDirectory: true))
        try ReportFixture.renameAccounts(in: folder.path)
        let dataset = try DatasetFolder(path: folder.path)
        let plan = try EvaluationPlan.make(dataEnd: config.end, horizonDays: 90)
        var model: (TrainedModel, file: String)?
        if survival {
            let trained = try SurvivalTrainJob(asOf: config.end.adding(months: -1)).run(dataset).result.model
            model = (.survival(trained), file: "survival <model>.json")
        }
        let job = ReportJob(evaluation: EvaluateJob(plan: plan, check: HoldoutCheck()), pool: TrainingPool(),
                            period: ReportingPeriod.lastFullQuarter(endingOnOrBefore: config.end), list: RiskList(top: 20),
                            model: model)
        data = try job.run(dataset, dataEnd: config.end).0
        html = HTMLReport.render(data)
    }

    /// Rewrites accounts.csv with every name and owner replaced by text that would run or
    /// break the page if it reached the HTML unescaped.
    static func renameAccounts(in folder: String) throws {
        let table = try AccountTable.read(path: folder + "/accounts.csv")
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var csv = "account_id,name,owner,segment,mrr,seats,started_on,churned_on\n"
        for a in table.accounts {
            let fields = [a.id, quoted("\(hostileName) \(a.id)"), quoted(hostileOwner), a.segment,
                          a.mrr.map { String($0) } ?? "", a.seats.map(String.init) ?? "", a.startedOn.description,
                          a.churnedOn?.description ?? ""]
            csv += fields.joined(separator: ",") + "\n"
        }
        try Data(csv.utf8).write(to: URL(fileURLWithPath: folder + "/accounts.csv"))
    }
}
