import Ingest
import Survival

/// The account-month table as CSV, for refitting the survival model elsewhere: one row per
/// account per month, the month's tenure-period indicators as the fit enters them (the
/// first period is the reference, left out), then the raw features, missing left empty.
///
///     account_id, as_of, tenure_months, churned, tenure_3_5m, ..., logins_30d, ...
///
/// `as_of` is the last day before the month (features use events up to and including it);
/// `churned` is 1 when the account churned during the month. A plain logistic fit of
/// `churned` on the indicators and the features, missing cells filled with the column's
/// mean, gives the survival model fitted with no penalty, coefficients per unit of each
/// feature rather than per standard deviation.
package enum AccountMonthFile {
    /// Writes the rows of the months up to and including `through` (every month when nil),
    /// with the tenure periods the fit of those rows uses; returns the rows written.
    @discardableResult
    package static func write(_ table: AccountMonthTable, through: CalendarDay? = nil, accounts: AccountTable,
                              to path: String) throws(OutputError) -> Int {
        let rows = through.map { table.rows(through: $0) } ?? table.rows
        let periods = TenurePeriods(tenureMonths: table.tenureMonths[0..<rows], labels: table.labels[0..<rows])
        let file = try AtomicFile(path: path)
        var line = CSVLine()
        for name in ["account_id", "as_of", "tenure_months", "churned"] + (1..<periods.count).map(periods.name(of:))
            + table.features.map(\.name) { line.text(name) }
        line.endRow()
        for k in table.months.indices where table.monthStarts[k] < rows {
            let asOf = table.months[k].description
            for row in table.monthStarts[k]..<min(rows, table.monthStarts[k + 1]) {
                line.text(accounts.accounts[Int(table.accountPositions[row])].id)
                line.text(asOf)
                line.integer(Int(table.tenureMonths[row]))
                line.integer(Int(table.labels[row]))
                let period = periods.index(ofMonth: Int(table.tenureMonths[row]))
                for k in 1..<max(1, periods.count) { line.integer(period == k ? 1 : 0) }
                for column in table.columns { line.number(column[row].isNaN ? nil : column[row], decimals: 10) }
                line.endRow()
                if line.bytes.count >= 1 << 20 { try file.append(line.take()) }
            }
        }
        try file.append(line.take())
        try file.commit()
        return rows
    }
}
