import Evaluation
import Scoring
import Survival

/// What a survival model adds to the report: the book's lifetime figures, the curves of the
/// riskiest and the most valuable accounts, and how lifetime values are spread.
package struct SurvivalReport: Sendable {
    package let model: SurvivalModel
    /// The customers of the report's day, scored with the model.
    package let book: BookLifetime
    /// The accounts with the highest churn probability, riskiest first.
    package let riskiest: [AccountCurve]
    /// The accounts with the highest lifetime value, most valuable first.
    package let mostValuable: [AccountCurve]
    /// Every customer's lifetime value (those with an MRR).
    package let lifetimeValues: [Double]

    /// Accounts per chart: five lines stay readable.
    package static let accountsShown = 5
    /// Months drawn: two years.
    package static let curveMonths = 24

    package init(model: SurvivalModel, book: BookLifetime, riskiest: [AccountCurve], mostValuable: [AccountCurve],
                 lifetimeValues: [Double]) {
        self.model = model; self.book = book; self.riskiest = riskiest; self.mostValuable = mostValuable
        self.lifetimeValues = lifetimeValues
    }
}

/// One account's row and its survival curve, S(m) for m = 0 ... 24 months.
package struct AccountCurve: Sendable {
    package let row: ScoreRow
    package let survival: [Double]

    package init(row: ScoreRow, curve: SurvivalCurve) {
        self.row = row
        survival = (0...SurvivalReport.curveMonths).map { curve.survival(months: Double($0)) }
    }

    var name: String { row.name.isEmpty ? row.accountID : row.name }
}

extension HTMLReport {
    static func survivalSection(_ data: ReportData) -> String {
        guard let survival = data.survival else { return "" }
        let book = survival.book, model = survival.model
        let discount = book.discountRate == 0 ? "not discounted" : "discounted at \(Format.percent(book.discountRate)) a year"
        let cards = [
            card("Predicted lifetime value of the book", Format.money(book.lifetimeValue),
                 "\(Format.count(book.customersWithMRR)) customers on \(book.asOf): MRR × margin \(Format.decimal(book.margin, 2)) × expected months, \(discount)"),
            card("MRR expected to leave within 90 days", Format.money(book.mrrLeavingWithin90Days),
                 "MRR × chance of churning within 90 days, summed"),
            card("MRR expected to leave within a year", Format.money(book.mrrLeavingWithin365Days),
                 "MRR × chance of churning within 365 days, summed"),
            card("Expected remaining lifetime", "\(Format.decimal(book.meanExpectedLifetimeMonths, 1)) months",
                 "on average, this month’s bill included"),
        ]
        func table(_ curves: [AccountCurve]) -> String {
            let rows = curves.map { curve in
                let r = curve.row, l = r.lifetime
                return row(["<strong>\(HTML.escape(curve.name))</strong><br><span class=\"small muted\">\(HTML.escape(r.accountID))</span>",
                            Format.money(r.mrr), Format.percent(l?.churnProbability30d, 0), Format.percent(l?.churnProbability90d, 0),
                            Format.percent(l?.churnProbability180d, 0), Format.percent(l?.churnProbability365d, 0),
                            Format.decimal(l?.expectedLifetimeMonths, 1), Format.money(l?.lifetimeValue)],
                           numeric: [1, 2, 3, 4, 5, 6, 7])
            }
            return """
                <div class="scroll"><table class="compact">
                <thead>\(row(["Account", "MRR", "30 days", "90 days", "180 days", "365 days", "Expected months", "Lifetime value"],
                             numeric: [1, 2, 3, 4, 5, 6, 7], header: true))</thead>
                <tbody>
                \(rows.joined(separator: "\n"))
                </tbody></table></div>
                """
        }
        func names(_ curves: [AccountCurve]) -> String {
            curves.map { "\($0.name) (\(Format.percent($0.survival.last, 0)) after \(SurvivalReport.curveMonths) months)" }
                .joined(separator: ", ")
        }
        let riskiest = SurvivalCurveChart.render(
            survival.riskiest, id: "survival-riskiest-chart", title: "Survival curves of the riskiest accounts",
            description: "Chance that each of the \(survival.riskiest.count) accounts with the highest churn risk on \(book.asOf) is still a customer, month by month for two years: \(names(survival.riskiest)).")
        let valuable = SurvivalCurveChart.render(
            survival.mostValuable, id: "survival-valuable-chart", title: "Survival curves of the most valuable accounts",
            description: "Chance that each of the \(survival.mostValuable.count) accounts with the highest lifetime value on \(book.asOf) is still a customer, month by month for two years: \(names(survival.mostValuable)).")
        let distribution = LifetimeValueChart.render(survival.lifetimeValues, asOf: book.asOf.description) ?? ""
        return """
            <section id="lifetime" aria-labelledby="lifetime-h">
            <h2 id="lifetime-h">What the customers are worth</h2>
            <p>From the survival model \(HTML.escape(data.modelSentence)): a discrete-time hazard model fitted on \
            \(Format.count(model.training.accounts)) account-months of \(Format.count(model.customers)) customers \
            (\(model.firstMonth) to \(model.asOf), \(Format.count(model.training.churned)) churned in their month). \
            Each account’s chance of churning in each coming month follows from its signals today and its months as a \
            customer; chained month after month they give its survival curve, its expected remaining lifetime and its \
            lifetime value.</p>
            <div class="cards">
            \(cards.joined(separator: "\n"))
            </div>
            <h3>The riskiest accounts</h3>
            <figure>
            \(riskiest)
            </figure>
            \(table(survival.riskiest))
            <h3>The most valuable accounts</h3>
            <figure>
            \(valuable)
            </figure>
            \(table(survival.mostValuable))
            <h3>How lifetime values are spread</h3>
            <figure>
            \(distribution)
            </figure>
            <div class="explain">
            <p><strong>How to read it.</strong> A curve starts at 100% today and falls by each month’s chance of \
            churning. The tenure advances month by month (churn changes with months as a customer), and the account’s \
            signals are not frozen: they drift back towards the average at the pace the history shows \
            (\(Format.percent(model.drift.persistence, 0)) of an account’s distance from the average remains after a \
            month), which is why a worrying account’s curve flattens and a healthy one’s steepens with time. Past ten \
            years the last month’s chance is kept.</p>
            <p>The expected lifetime adds up the chances of being a customer at the start of each coming month; the \
            lifetime value multiplies each of those months by the MRR and the margin and discounts it to today. Both \
            assume today’s MRR; expansion and contraction are not forecast.</p>
            </div>
            </section>
            """
    }
}
