import Features
import Foundation
import Ingest
import Modeling

/// Why a survival model cannot be built or fitted.
package enum SurvivalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No month end on or before `through` has its feature windows inside the recorded history.
    case noUsableMonth(through: CalendarDay, historyStarts: CalendarDay?)
    /// Every account-month churned, or none did.
    case oneClass(churned: Bool, rows: Int, months: Int)
    /// The fit itself failed.
    case training(TrainingError)

    package var description: String {
        switch self {
        case let .noUsableMonth(through, first?):
            "no month end on or before \(through) has \(Windows.longestDays) days of history before it (the exports start on \(first)): pick a later training day"
        case let .noUsableMonth(through, nil):
            "the data holds no events, so no month on or before \(through) can be described"
        case let .oneClass(churned, rows, months):
            "\(churned ? "every" : "no") account churned in the \(months) months of history (\(rows) account-months): the model needs both churners and stayers; pick a later training day"
        case .training(let error):
            error.description
        }
    }
}

/// The account-month table of a discrete-time hazard model, column by column: one row per
/// account per calendar month it was a customer at the month's start, with its features as
/// of that start, its tenure in whole months, and 1 if it churned during the month.
///
/// Month k is keyed by the last day T_k of the month before it: a row is a customer on T_k
/// (started_on <= T_k, churned_on empty or after T_k), its features see events up to and
/// including T_k (the snapshot as of T_k, exactly what `train` and `score` use), and its
/// label is 1 when churned_on falls in (T_k, T_(k+1)], T_(k+1) being the next month end.
/// Months whose 180-day feature windows would start before the first event are left out,
/// as `train` leaves out such quarters. An account that starts and churns between two month
/// ends never appears.
///
/// Rows are in month order (all rows of the oldest month first), so the rows of the months
/// up to any day form a prefix: a backtest fits on a prefix without copying rows around.
///
/// Memory: 8 bytes per feature plus 16 (label, tenure, account) per row, allocated once from
/// the count of customers on each month end; the snapshots come `monthsPerRead` months at a
/// time, so reading holds one batch of months of signals (about 200 bytes per account
/// and month) on top. No per-row struct is kept.
package struct AccountMonthTable: Sendable {
    /// The month ends T_k, oldest first; each row's month is the calendar month after its T_k.
    package let months: [CalendarDay]
    /// Rows of month k are `monthStarts[k] ..< monthStarts[k + 1]`.
    package let monthStarts: [Int]
    package let features: [FeatureDefinition]
    /// One column of raw values per feature (NaN where missing), parallel to the rows.
    package let columns: [[Double]]
    /// Each row's account, by position in the `AccountTable`.
    package let accountPositions: [Int32]
    /// Whole months of tenure at the month's start: floor(days since started_on / 30.4375).
    package let tenureMonths: [Int32]
    /// 1 when the account churned during the month, else 0.
    package let labels: [Double]
    /// The earliest event in the data (nil without events).
    package let firstEventDay: CalendarDay?
    /// What the newest month's reading found: missing files and skipped rows.
    package let newestSnapshot: (missingFiles: [EventFile], reports: [EventFileReport])

    package var rows: Int { labels.count }

    /// The months read at once. Twelve: a year of months costs about as much to fold as one
    /// (the files are read once for all of them) and holds 12 days of signals in memory.
    package static let defaultMonthsPerRead = 12

    /// Reads the table of every month end from the start of the usable history up to
    /// `through` (the month end on or before it), `monthsPerRead` months per read of the
    /// data, newest first (the first read tells where the history starts).
    package static func build(_ source: some DataSource, through: CalendarDay, features: [FeatureDefinition],
                              monthsPerRead: Int = AccountMonthTable.defaultMonthsPerRead) throws -> AccountMonthTable {
        precondition(monthsPerRead >= 1, "at least one month per read")
        let accounts = source.accounts.accounts
        let last = through.monthEndOnOrBefore
        guard let earliestStart = accounts.map(\.startedOn).min() else {
            throw SurvivalError.noUsableMonth(through: last, historyStarts: nil)
        }
        // Every month end on which someone may be a customer, newest first.
        var candidates: [CalendarDay] = []
        var month = last
        while month >= earliestStart.monthEndOnOrBefore {
            candidates.append(month)
            month = month.adding(months: -1)
        }
        guard !candidates.isEmpty else { throw SurvivalError.noUsableMonth(through: last, historyStarts: nil) }

        let firstBatch = Array(candidates.prefix(monthsPerRead))
        let newest = try source.snapshots(asOf: firstBatch)
        let usable = candidates.filter { newest.hasFullHistory($0) }.reversed().map { $0 }
        guard !usable.isEmpty else {
            throw SurvivalError.noUsableMonth(through: last, historyStarts: newest.firstEventDay)
        }
        // The rows of each month are its customers: counted from the accounts alone, so the
        // columns are allocated once at their final size.
        var monthStarts = [0]
        for day in usable { monthStarts.append(monthStarts.last! + accounts.reduce(0) { $0 + ($1.isCustomer(on: day) ? 1 : 0) }) }
        var table = Builder(rows: monthStarts.last!, features: features)
        let monthIndex = Dictionary(uniqueKeysWithValues: usable.enumerated().map { ($1, $0) })
        func fill(_ series: SnapshotSeries) {
            for snapshot in series.snapshots {
                guard let k = monthIndex[snapshot.asOf] else { continue }
                precondition(snapshot.count == monthStarts[k + 1] - monthStarts[k], "a month's customers were miscounted")
                table.fill(snapshot, from: monthStarts[k], accounts: accounts)
            }
        }
        fill(newest)
        let rest = usable.filter { !firstBatch.contains($0) }
        var start = rest.count
        while start > 0 {
            let batch = Array(rest[max(0, start - monthsPerRead)..<start])
            fill(try source.snapshots(asOf: batch))
            start -= batch.count
        }
        let latest = newest.snapshots[0]
        return AccountMonthTable(months: usable, monthStarts: monthStarts, features: features, columns: table.columns,
                                 accountPositions: table.positions, tenureMonths: table.tenure, labels: table.labels,
                                 firstEventDay: newest.firstEventDay,
                                 newestSnapshot: (latest.missingFiles, latest.reports))
    }

    /// 1 when the account churned in (T, next month end].
    package static func label(_ account: Account, monthEnd: CalendarDay) -> Double {
        guard let churned = account.churnedOn else { return 0 }
        return churned > monthEnd && churned <= monthEnd.adding(months: 1) ? 1 : 0
    }

    /// Rows of the months up to and including `day` (a prefix of the table).
    package func rows(through day: CalendarDay) -> Int {
        monthStarts[months.lastIndex { $0 <= day }.map { $0 + 1 } ?? 0]
    }

    /// The month ends up to and including `day`.
    package func months(through day: CalendarDay) -> [CalendarDay] { months.filter { $0 <= day } }

    /// The columns being filled, at their final size.
    private struct Builder {
        var columns: [[Double]]
        var positions: [Int32]
        var tenure: [Int32]
        var labels: [Double]
        let features: [FeatureDefinition]

        init(rows: Int, features: [FeatureDefinition]) {
            self.features = features
            columns = features.map { _ in [Double](repeating: .nan, count: rows) }
            positions = [Int32](repeating: -1, count: rows)
            tenure = [Int32](repeating: 0, count: rows)
            labels = [Double](repeating: 0, count: rows)
        }

        mutating func fill(_ snapshot: Snapshot, from offset: Int, accounts: [Account]) {
            for (i, position) in snapshot.accountPositions.enumerated() {
                let row = offset + i
                positions[row] = position
                tenure[row] = Int32((Double(snapshot.signals[i].tenureDays) / SurvivalCurve.daysPerMonth).rounded(.down))
                labels[row] = AccountMonthTable.label(accounts[Int(position)], monthEnd: snapshot.asOf)
            }
            for (f, feature) in features.enumerated() {
                columns[f].withUnsafeMutableBufferPointer { column in
                    for (i, signals) in snapshot.signals.enumerated() { column[offset + i] = feature.value(signals) ?? .nan }
                }
            }
        }
    }
}
