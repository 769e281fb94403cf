import Dispatch
import Features
import Ingest
import Parallel
import Regression

/// The rows of a pooled fit, column by column: what the quarterly churn model
/// (`ModelTrainer.train`) and the survival model's account-month table both hand to the one
/// fitting recipe, `ModelTrainer.fit(_:accounts:missingFiles:)`.
///
/// Columns, not rows: a row struct per account-day (or account-month) would cost about
/// 200 bytes where its numbers take 8 per column.
package struct PooledDesign: Sendable {
    /// 1 when the row's account churned in the row's window, else 0.
    package var labels: [Double]
    /// Each row's position in the `AccountTable`: cross-validation folds go by the account's
    /// id, and an unpenalised fit clusters its standard errors by account.
    package var accountPositions: [Int32]
    /// The candidate features with their raw values (NaN where missing), parallel to
    /// `labels`. They are filled, standardised and penalised.
    package var features: [(definition: FeatureDefinition, values: [Double])]
    /// Columns that enter as they are, unpenalised, right after the intercept (the survival
    /// model's tenure-period indicators); empty for the plain model.
    package var fixed: [(name: String, values: [Double])]
    /// Whether an account can appear on several rows (pooled days or months): an unpenalised
    /// fit then reports standard errors clustered by account.
    package var repeatsAccounts: Bool

    package init(labels: [Double], accountPositions: [Int32], features: [(definition: FeatureDefinition, values: [Double])],
                 fixed: [(name: String, values: [Double])] = [], repeatsAccounts: Bool) {
        precondition(accountPositions.count == labels.count, "one account per row")
        precondition(features.allSatisfy { $0.values.count == labels.count } && fixed.allSatisfy { $0.values.count == labels.count },
                     "every column has one value per row")
        self.labels = labels
        self.accountPositions = accountPositions
        self.features = features
        self.fixed = fixed
        self.repeatsAccounts = repeatsAccounts
    }

    package var rows: Int { labels.count }
}

/// What the one fitting recipe returns: the fit, the design it was fitted on (standardised,
/// intercept first, then the fixed columns, then the features kept), and the features with
/// the numbers that standardise them.
package struct DesignFit: Sendable {
    package let fit: LogisticFit
    package let design: DesignMatrix
    package let intercept: Coefficient
    /// The fixed columns' coefficients, in their order.
    package let fixed: [(name: String, coefficient: Coefficient)]
    package let features: [ModelFeature]
    /// Features left out of the fit, with the reason.
    package let leftOut: [String]
    /// The ridge penalty used.
    package let penalty: Double
    /// The cross-validation behind an automatic penalty; empty when it was given.
    package let trials: [PenaltySelection.Trial]

    /// Columns before the features: the intercept and the fixed ones.
    package var leadingColumns: Int { 1 + fixed.count }
}

extension ModelTrainer {
    /// The one fitting recipe of healthscore: features filled with the training mean and
    /// standardised (a feature with no usable values is left out with the reason), the ridge
    /// penalty on the features only (chosen by 5-fold cross-validation by account unless
    /// `l2` fixes it), a feature that is a linear combination of others left out as R's glm
    /// leaves out an aliased coefficient, and, for an unpenalised fit of rows that repeat
    /// accounts, standard errors clustered by account.
    ///
    /// The design is built once, column by column from the raw values: its memory is
    /// 8 bytes x rows x columns, beside the raw columns the caller holds.
    package func fit(_ pooled: PooledDesign, accounts: AccountTable, missingFiles: [EventFile]) throws(TrainingError) -> DesignFit {
        let rows = pooled.rows
        var used: [(definition: FeatureDefinition, fill: Double, center: Double, scale: Double)] = []
        var leftOut: [String] = []
        // Each column is measured and then written on its own, so the columns are done on all
        // cores at once (four days of 200,000 accounts: 19 ms one after the other).
        let measured = TaskSlots(count: pooled.features.count) { _ in Standardization.unusable("") }
        DispatchQueue.concurrentPerform(iterations: pooled.features.count) { k in
            measured[k] = Standardization(column: pooled.features[k].values)
        }
        var sources: [[Double]] = []
        for ((definition, column), standardization) in zip(pooled.features, measured.takeAll()) {
            switch standardization {
            case .unusable(let why):
                let source = FeatureCatalog.sourceFile(of: definition.family)
                let missingFile = source.map { file in missingFiles.contains { $0.fileName == file } } ?? false
                leftOut.append("\(definition.name): \(missingFile ? "\(source!) is missing" : why)")
            case .usable(let fill, let center, let scale):
                used.append((definition, fill, center, scale))
                sources.append(column)
            }
        }
        // The intercept's ones first, then the fixed columns and the standardised features.
        var values = [Double](repeating: 1, count: rows * (1 + pooled.fixed.count + used.count))
        values.withUnsafeMutableBufferPointer { values in
            guard rows > 0 else { return }
            precondition(pooled.fixed.allSatisfy { $0.values.count == rows } && sources.allSatisfy { $0.count == rows },
                         "every column has one value per row")
            // Each task writes its own column.
            let design = UncheckedSendable(values)
            let (fixed, standardized, sources) = (pooled.fixed, used, sources)
            DispatchQueue.concurrentPerform(iterations: fixed.count + standardized.count) { index in
                let target = design.value.baseAddress! + (1 + index) * rows
                if index < fixed.count {
                    target.update(from: fixed[index].values, count: rows)
                } else {
                    let (_, fill, center, scale) = standardized[index - fixed.count]
                    for (row, value) in sources[index - fixed.count].enumerated() {
                        target[row] = ((value.isNaN ? fill : value) - center) / scale
                    }
                }
            }
        }
        let leading = [DesignMatrix.interceptName] + pooled.fixed.map(\.name)
        // A feature that is a linear combination of others adds nothing the fit can use:
        // like R's glm with aliased coefficients, leave it out, say so, and fit the rest.
        var fit: LogisticFit
        var design: DesignMatrix
        var trials: [PenaltySelection.Trial] = []
        var penalty = 0.0
        // Where the fit starts: the search's answer under a chosen penalty above 0. Without
        // a penalty the fit starts from zero, where its check for dependent columns looks at
        // X'X itself rather than at X'WX under the start's weights.
        var start: [Double]?
        while true {
            design = DesignMatrix(rows: rows, names: leading + used.map(\.definition.name), columnMajor: values)
            let penalized = leading.map { _ in false } + used.map { _ in true }
            if let l2 {
                penalty = l2
            } else {
                (penalty, trials, start) = ModelTrainer.crossValidatedPenalty(design, labels: pooled.labels,
                                                                             positions: pooled.accountPositions,
                                                                             accounts: accounts, penalized: penalized)
            }
            do {
                fit = try LogisticRegression(l2: penalty).fit(design, labels: pooled.labels, penalized: penalized,
                                                              start: penalty > 0 ? start : nil)
                break
            } catch .collinear(let column, let others) where !leading.contains(column) {
                guard let index = used.firstIndex(where: { $0.definition.name == column }) else {
                    throw .fit(.collinear(column: column, dependsOn: others))
                }
                leftOut.append("\(column): carries no information beyond \(others.joined(separator: ", "))")
                used.remove(at: index)
                let columnStart = (leading.count + index) * rows
                design = DesignMatrix(rows: 0, names: [], columnMajor: [])
                values.removeSubrange(columnStart..<(columnStart + rows))
            } catch {
                throw .fit(error)
            }
        }
        if penalty == 0, pooled.repeatsAccounts {
            do {
                fit = try fit.withClusteredStandardErrors(by: pooled.accountPositions, design: design, labels: pooled.labels)
            } catch {
                throw .clustering(error)
            }
        }
        func coefficient(_ j: Int) -> Coefficient {
            Coefficient(estimate: fit.coefficients[j], standardError: fit.standardErrors[j], z: fit.zValues[j],
                        pValue: fit.pValues[j], lower95: fit.lower95[j], upper95: fit.upper95[j])
        }
        let features = used.enumerated().map { (k, entry) in
            ModelFeature(name: entry.definition.name, family: entry.definition.family, formula: entry.definition.formula,
                         fill: entry.fill, center: entry.center, scale: entry.scale,
                         coefficient: coefficient(leading.count + k))
        }
        return DesignFit(fit: fit, design: design, intercept: coefficient(0),
                         fixed: pooled.fixed.indices.map { (pooled.fixed[$0].name, coefficient(1 + $0)) },
                         features: features, leftOut: leftOut, penalty: penalty, trials: trials)
    }
}
