import Survival

/// The evaluation as plain text for the terminal: the comparison, the calibration
/// table and the backtest, each with a line saying what it means.
extension EvaluationResult {
    package var text: String {
        ([holdout.comparisonText, holdout.calibrationText, backtestText] + (survival.map { [$0.text] } ?? []))
            .joined(separator: "\n\n")
    }

    package var backtestText: String {
        guard !backtest.isEmpty else { return "No backtest folds asked for." }
        var table = TextTable(header: ["train as of", "test as of", "accounts", "churned", "AUC model", "logins", "NPS",
                                       "rule", "log loss", "Brier", "cal. slope", "obs-exp z", "top 10% churners"])
        table.leftAligned = [0, 1]
        var undecided: [String] = []
        for fold in backtest {
            guard let r = fold.result else {
                table.add([fold.fold.trainAsOf.description, fold.fold.testAsOf.description, "skipped: \(fold.skipped ?? "")"])
                continue
            }
            let model = r[.model]
            // A win only where the paired DeLong interval excludes 0, for every baseline.
            let tests = model.checks?.aucDifferences ?? []
            for test in tests where !(test.difference.isSignificant && test.difference.difference > 0) {
                let relation = test.difference.isSignificant ? "ranks churners worse than" : "is not distinguishable from"
                undecided.append("on \(r.testAsOf) it \(relation) \(test.baseline.titleInSentence) (\(Format.pValue(test.difference.pValue)))")
            }
            table.add([r.trainAsOf.description, r.testAsOf.description, Format.count(r.testAccounts),
                       Format.count(r.testChurned), Format.decimal(model.auc), Format.decimal(r[.loginsOnly].auc),
                       Format.decimal(r[.npsOnly].auc), Format.decimal(r[.ruleScore].auc), Format.decimal(model.logLoss),
                       Format.decimal(model.brierScore), Format.decimal(model.checks?.calibration.slope?.estimate, 2),
                       Format.decimal(model.checks?.calibration.oeZ, 2),
                       Format.percent(model.capture(at: 0.1)?.churnerShare, 0)])
        }
        return """
            Backtest: each row fits on the quarters up to its training day and is checked on the customers \
            of a later day, on what happened in the \(plan.horizonDays) days after it.
            \(table.text)
            The model's AUC beats every baseline (paired DeLong, 95% interval above 0) \(tally.sentence(unit: "fold"))\
            \(undecided.isEmpty ? "" : "; " + HoldoutResult.list(undecided)).
            """
    }
}

extension HoldoutResult {
    /// The side-by-side comparison of the model and the baselines.
    package var comparisonText: String {
        let shares = MethodResult.captureShares
        var header = ["method", "AUC", "log loss", "Brier", "flagged tier", "precision", "recall"]
        for share in shares {
            let top = methods[0].capture(at: share)?.accounts ?? 0
            header += ["top \(Format.percent(share, 0)) (\(top)): churners", "churned MRR"]
        }
        var table = TextTable(header: header)
        table.leftAligned = [0, 4]
        for result in methods {
            var row = [result.method.title, Format.decimal(result.auc), Format.decimal(result.logLoss),
                       Format.decimal(result.brierScore), "\(result.flaggedTier.name) (\(result.flaggedTier.flagged))",
                       Format.percent(result.flaggedTier.precision, 0), Format.percent(result.flaggedTier.recall, 0)]
            for share in shares {
                let capture = result.capture(at: share)
                row += [Format.percent(capture?.churnerShare, 0), Format.percent(capture?.revenueShare, 0)]
            }
            table.add(row)
        }
        return """
            Held-out check: fitted on \(trainingDescription), tested on the \
            \(Format.count(testAccounts)) customers of \(testAsOf): \(Format.count(testChurned)) of them \
            (\(Format.percent(testChurnRate))) churned within \(horizonDays) days, with \(Format.money(testChurnedRevenue)) MRR.
            \(table.text)
            \(aucIntervalText)
            \(pairedTestText.map { $0 + "\n" } ?? "")\(verdict)
            """
    }

    /// "the 471 customers of 2025-12-31 (62 churned within 90 days)", or for a pooled fit
    /// "the customers of 2025-03-31, ... and 2025-12-31 (1,922 account-days, 219 churned ...)".
    package var trainingDescription: String {
        if trainingDays.count <= 1 {
            return "the \(Format.count(trainAccounts)) customers of \(trainAsOf) (\(Format.count(trainChurned)) churned within \(horizonDays) days)"
        }
        let listed = trainingDays.dropLast().map(\.description).joined(separator: ", ") + " and \(trainAsOf)"
        return "the customers of \(listed) (\(Format.count(trainAccounts)) account-days, \(Format.count(trainChurned)) churned within \(horizonDays) days of their day)"
    }

    /// One sentence on what the model adds over the best baseline.
    package var verdict: String {
        let model = self[.model]
        guard let auc = model.auc,
              let best = ScoringMethod.baselines.max(by: { (self[$0].auc ?? 0) < (self[$1].auc ?? 0) }),
              let bestAUC = self[best].auc else {
            return "AUC needs both churners and stayers on the test day."
        }
        let difference = auc - bestAUC
        let top = model.capture(at: 0.1)
        let baselineTop = self[best].capture(at: 0.1)
        return "The model's AUC is \(Format.decimal(auc)) against \(Format.decimal(bestAUC)) for the best baseline "
            + "(\(best.titleInSentence)): \(Format.signed(difference)). "
            + (pairedVerdict.map { $0 + " " } ?? "")
            + "Calling its top 10% would reach \(Format.percent(top?.churnerShare, 0)) of the churners, "
            + "against \(Format.percent(baselineTop?.churnerShare, 0)) with the \(best.titleInSentence) list."
    }

    /// The model's calibration by decile, with the 95% band of each observed rate.
    package var calibrationText: String {
        guard let calibration = self[.model].calibration else { return "" }
        var table = TextTable(header: ["decile", "accounts", "predicted", "observed", "churned", "95% band of observed", "verdict"])
        for bin in calibration.bins {
            table.add([String(bin.index), String(bin.accounts), Format.percent(bin.meanPredicted),
                       Format.percent(bin.observedRate), String(bin.churned),
                       "\(Format.percent(bin.band.lower)) - \(Format.percent(bin.band.upper))",
                       bin.honest ? "ok" : (bin.meanPredicted > bin.band.upper ? "over-predicts" : "under-predicts")])
        }
        return """
            Calibration of the model on \(testAsOf) (deciles of predicted churn, lowest first):
            \(table.text)
            \(calibration.honestBins) of \(calibration.bins.count) deciles with the prediction inside the 95% band \
            of what happened (a picture, not a test: a constant prediction at the base rate fills every band).
            \(self[.model].checks?.calibration.text ?? "")
            """
    }
}

extension SurvivalEvaluation {
    /// Every test day's curves at every known horizon, then the comparison with the churn
    /// model at its horizon.
    package var text: String {
        var table = TextTable(header: ["test as of", "fitted to", "horizon", "accounts", "churned", "AUC", "95% interval",
                                       "log loss", "Brier", "honest deciles", "expected", "observed", "obs-exp z",
                                       "cal. slope", "checks"])
        table.leftAligned = [0, 1, 2, 14]
        var comparisons: [String] = []
        var skipped: [String] = []
        // The backtest's test days, oldest first, and the main split's unless it is one of them.
        var results = backtest.compactMap(\.result)
        if !results.contains(where: { $0.testAsOf == holdout.testAsOf && $0.trainAsOf == holdout.trainAsOf }) {
            results.append(holdout)
        }
        for fold in backtest where fold.result == nil {
            skipped.append("\(fold.fold.testAsOf): \(fold.skipped ?? "skipped")")
        }
        for result in results {
            for check in result.horizons {
                table.add([result.testAsOf.description, result.trainAsOf.description, "\(check.days) days",
                           Format.count(check.accounts), Format.count(check.churned), Format.decimal(check.auc),
                           check.aucCI.map { "\(Format.decimal($0.lower)) to \(Format.decimal($0.upper))" } ?? "-",
                           Format.decimal(check.logLoss), Format.decimal(check.brierScore),
                           "\(check.calibration.honestBins) of \(check.calibration.bins.count)",
                           Format.decimal(check.checks.expected, 1), String(check.checks.observed),
                           Format.decimal(check.checks.oeZ, 2), Format.decimal(check.checks.slope?.estimate, 2),
                           check.checks.passes ? "pass" : "fail"])
                if let churnAUC = check.churnModelAUC {
                    let difference = check.difference.map { ": " + $0.text } ?? ""
                    comparisons.append("on \(result.testAsOf) the survival model's \(check.days)-day AUC is \(Format.decimal(check.auc)) against \(Format.decimal(churnAUC)) for the churn model\(difference)")
                }
            }
        }
        let h = holdout
        return """
            Survival model: a discrete-time hazard fitted on every month up to each training day (for \(h.testAsOf): \
            the \(h.months) months \(h.firstMonth) ... \(h.trainAsOf), \(Format.count(h.rows)) account-months of \
            \(Format.count(h.customers)) customers, \(Format.count(h.events)) churned in their month), its curves checked on \
            the same test accounts at each horizon whose outcome the data holds.
            \(table.text)
            Honest deciles: predictions inside the 95% band of what happened; checks: calibration slope interval \
            holding 1, intercept holding 0 and abs(obs-exp z) <= 1.96.
            At the churn model's horizon (survival minus churn model, paired DeLong): \(HoldoutResult.list(comparisons))\
            \(comparisons.isEmpty ? "no test day to compare on" : "").\(skipped.isEmpty ? "" : "\nSkipped: " + skipped.joined(separator: "; ") + ".")
            """
    }
}
