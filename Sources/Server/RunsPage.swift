import Evaluation
import Foundation
import Modeling
import Report
import Store

/// `/runs`: every recorded run, newest first, and the model behind each.
enum RunsPage {
    static func render(runs: [RunSummary], totals: [RunTotals], models: [String: ChurnModel]) -> String {
        let totalsByRun = Dictionary(uniqueKeysWithValues: totals.map { ($0.runID, $0) })
        let latest = runs.last?.id
        let rows = runs.reversed().map { run in
            let total = totalsByRun[run.id]
            let accounts = "<a href=\"/accounts\(run.id == latest ? "" : "?run=\(run.id)")\">\(Format.count(run.accountCount))</a>"
            return HTMLReport.row([
                String(run.id), "<span class=\"day\">\(run.asOf)</span>", "<span class=\"small\">\(HTML.escape(run.createdAt))</span>",
                "<a href=\"#model-\(run.modelFingerprint.prefix(12))\"><code>\(run.modelFingerprint.prefix(12))</code></a>",
                "\(run.thresholds.atRiskBelow) / \(run.thresholds.watchBelow)", accounts,
                Format.count(total?.accounts[.atRisk] ?? 0), Text.money(total?.revenueAtRisk),
            ], numeric: [0, 5, 6, 7])
        }
        var fingerprints: [String] = []
        for run in runs.reversed() where !fingerprints.contains(run.modelFingerprint) { fingerprints.append(run.modelFingerprint) }
        let modelSections = fingerprints.map { fingerprint -> String in
            let used = runs.filter { $0.modelFingerprint == fingerprint }
            guard let model = models[fingerprint] else {
                return "<h3 id=\"model-\(fingerprint.prefix(12))\"><code>\(fingerprint.prefix(12))</code></h3><p>The model file can no longer be read.</p>"
            }
            let features = model.features.map { feature in
                HTMLReport.row([
                    "\(HTML.escape(FeatureLabels.plain(feature.name)))<br><span class=\"small muted\"><code>\(HTML.escape(feature.name))</code></span>",
                    HTML.escape(Text.familyName(feature.family.rawValue)),
                    Text.signed(feature.coefficient.estimate, 3),
                    Format.decimal(exp(feature.coefficient.estimate), 2),
                ], numeric: [2, 3])
            }
            return """
                <h3 id="model-\(fingerprint.prefix(12))">Model <code>\(fingerprint.prefix(12))</code></h3>
                <dl class="facts">
                <dt>Fingerprint</dt><dd><code>\(HTML.escape(fingerprint))</code></dd>
                <dt>Trained on</dt><dd>\(model.asOf), churn within \(model.horizonDays) days; \(Format.count(model.training.accounts)) accounts, \(Format.count(model.training.churned)) left</dd>
                <dt>Ridge penalty</dt><dd>\(Format.decimal(model.l2, 3))</dd>
                <dt>In-sample AUC</dt><dd>\(Format.decimal(model.training.inSampleAUC))</dd>
                <dt>Scored</dt><dd>\(used.count) run\(used.count == 1 ? "" : "s"), \(used.first!.asOf) to \(used.last!.asOf)</dd>
                </dl>
                <div class="scroll"><table class="compact">
                <thead>\(HTMLReport.row(["Feature", "Signal", "Coefficient (per SD)", "Odds ratio"], numeric: [2, 3], header: true))</thead>
                <tbody>\(features.joined(separator: "\n"))</tbody></table></div>
                """
        }
        let body = """
            <h1>Runs</h1>
            <p class="lede">\(runs.count) scoring run\(runs.count == 1 ? "" : "s") in the store, newest first. \
            A run is one day scored with one model; scoring the same day with the same model again replaces it.</p>
            <div class="scroll"><table class="compact">
            <thead>\(HTMLReport.row(["Run", "Day scored", "Recorded (UTC)", "Model", "Tier cuts", "Accounts", "At risk", "MRR at risk"],
                                    numeric: [0, 5, 6, 7], header: true))</thead>
            <tbody>\(rows.joined(separator: "\n"))</tbody></table></div>
            <section aria-labelledby="models-h">
            <h2 id="models-h">The models behind the runs</h2>
            <p>Coefficients are per standard deviation of the feature; an odds ratio above 1 raises the risk.</p>
            \(modelSections.joined(separator: "\n"))
            </section>
            """
        return Layout.page(title: "Runs", section: .runs, body: body)
    }
}
