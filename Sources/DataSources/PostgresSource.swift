import Features
import Ingest
import PostgresAccess
import PostgresNIO

/// Accounts and signals from a PostgreSQL database: the tables `load` fills (or any with
/// the same columns), in the URL's schema.
///
/// The accounts are read when the source opens (one row each). Everything else is computed
/// by the database (`PostgresFeatureSQL`): the snapshots of up to 64 days cost one query
/// per event table (two for sessions), and one row per account comes back, so memory grows
/// with the accounts, never with the events. The signals are the ones a folder of the same
/// exports gives; the row rules (`RowRules`) are applied alike, with the same counts and,
/// under strict reading, the first offending row refused.
///
/// An event table that is absent, or empty, is a missing file: its signal is missing for
/// every account, with the same notice.
package struct PostgresSource: DataSource {
    package let location: PostgresLocation
    package let accounts: AccountTable
    /// Rows of unknown accounts or dated before their account started are errors, not skipped.
    package let strict: Bool
    /// The event tables found, with how each is read.
    let tables: [EventFile: EventTable]

    /// How one event table is read.
    struct EventTable: Sendable {
        let time: TimeColumn
        /// How errors name its rows.
        let rowID: RowIdentifier
    }

    /// The URL with its password hidden.
    package var name: String { location.description }

    /// Days per query: each day adds a few aggregates to the query's row, and PostgreSQL
    /// takes up to 1,664 columns.
    static let daysPerQuery = 64

    /// Connects, checks the tables' columns and reads the accounts.
    package static func open(_ location: PostgresLocation, strict: Bool = false) throws -> PostgresSource {
        try BlockingConnection.with(location) { connection in
            let (columns, views) = try PostgresSource.columns(connection)
            guard let accountColumns = columns[PostgresTables.accounts] else {
                throw PostgresSourceError.noAccountsTable(database: location.description)
            }
            let accounts = try PostgresAccounts.read(connection, columns: accountColumns,
                                                     isView: views.contains(PostgresTables.accounts))
            var tables: [EventFile: EventTable] = [:]
            for file in EventFile.allCases {
                let name = PostgresTables.table(file)
                guard let found = columns[name] else { continue }
                tables[file] = try eventTable(file, columns: found, isView: views.contains(name), location: location)
            }
            return PostgresSource(location: location, accounts: accounts, strict: strict, tables: tables)
        }
    }

    /// Column name to data type of each of the five tables in the schema, and which of them are views.
    private static func columns(_ connection: BlockingConnection) throws -> ([String: [String: String]], Set<String>) {
        let names = ([PostgresTables.accounts] + EventFile.allCases.map(PostgresTables.table)).map { "'\($0)'" }
        let rows = try connection.rows("""
            SELECT c.table_name::text, c.column_name::text, c.data_type::text, t.table_type = 'VIEW'
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = '\(connection.location.schema)' AND c.table_name IN (\(names.joined(separator: ", ")))
            """) { row in try row.decode((String, String, String, Bool).self) }
        var tables: [String: [String: String]] = [:], views = Set<String>()
        for (table, column, type, view) in rows {
            tables[table, default: [:]][column] = type
            if view { views.insert(table) }
        }
        return (tables, views)
    }

    private static func eventTable(_ file: EventFile, columns: [String: String], isView: Bool,
                                   location: PostgresLocation) throws(PostgresSourceError) -> EventTable {
        let table = PostgresTables.table(file)
        func require(_ column: String) throws(PostgresSourceError) -> String {
            guard let type = columns[column] else {
                throw .missingColumn(database: location.description, table: table, column: column,
                                     found: columns.keys.sorted())
            }
            return type
        }
        _ = try PostgresTypes.check(require("account_id"), .text, table: table, column: "account_id", location: location)
        let timeType = try require(file.timeColumn)
        guard let time = TimeColumn(type: timeType) else {
            throw .wrongColumnType(database: location.description, table: table, column: file.timeColumn, type: timeType,
                                   expected: "timestamp with time zone, timestamp or date")
        }
        let value = PostgresTables.valueColumn(file)
        let kind: PostgresTypes.Kind = switch file {
        case .sessions: .number
        case .nps, .interactions: .integer
        case .marketing: .text
        }
        _ = try PostgresTypes.check(require(value), kind, table: table, column: value, location: location)
        return EventTable(time: time, rowID: columns["id"] != nil ? .id : isView ? .accountAndTime : .ctid)
    }

    // MARK: - DataSource

    package func latestDay() throws -> CalendarDay? {
        var latest = accounts.latestDay?.daysSinceEpoch
        try BlockingConnection.with(location) { connection in
            for file in EventFile.allCases {
                guard let census = try read(file, asOf: [], connection: connection, into: nil) else { continue }
                if let last = census.lastDay { latest = max(latest ?? last, last) }
            }
        }
        return latest.map(CalendarDay.init(daysSinceEpoch:))
    }

    package func snapshots(asOf requested: [CalendarDay]) throws -> SnapshotSeries {
        let days = Array(Set(requested)).sorted()
        let signals = SignalTable(accounts: accounts, days: days)
        var reports: [EventFileReport] = []
        var missing: [EventFile] = []
        var first: Int32?, last: Int32?
        try BlockingConnection.with(location) { connection in
            for file in EventFile.allCases {
                guard let census = try read(file, asOf: days, connection: connection, into: signals) else {
                    missing.append(file)
                    continue
                }
                reports.append(census.report)
                if let day = census.firstDay { first = min(first ?? day, day) }
                if let day = census.lastDay { last = max(last ?? day, day) }
            }
        }
        let byDay = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1, $0) })
        let snapshots = requested.map { day in
            let index = byDay[day]!
            return Snapshot(asOf: day, accountPositions: signals.positions[index], signals: signals.signals[index],
                            reports: reports, missingFiles: missing)
        }
        return SnapshotSeries(snapshots: snapshots, firstEventDay: first.map(CalendarDay.init(daysSinceEpoch:)),
                              lastEventDay: last.map(CalendarDay.init(daysSinceEpoch:)))
    }

    package func activity(from first: CalendarDay, to last: CalendarDay) throws -> PeriodActivity {
        var activity = PeriodActivity()
        try BlockingConnection.with(location) { connection in
            if let table = tables[.nps], try read(.nps, asOf: [], connection: connection, into: nil) != nil {
                let sql = PostgresActivitySQL(file: .nps, time: table.time, first: first, last: last)
                for (score, count) in try connection.rows(sql.npsAnswers, { try $0.decode((Int, Int).self) })
                where (0...10).contains(score) {
                    activity.npsAnswersByScore[score] = count
                }
            }
            if let table = tables[.sessions], try read(.sessions, asOf: [], connection: connection, into: nil) != nil {
                let sql = PostgresActivitySQL(file: .sessions, time: table.time, first: first, last: last)
                for (count, median) in try connection.rows(sql.sessions, { try $0.decode((Int, Double?).self) }) {
                    activity.sessions = count
                    activity.medianSessionSeconds = median
                }
            }
        }
        return activity
    }

    // MARK: - Reading one event table

    /// What the census columns of a table add up to.
    struct Census {
        var report: EventFileReport
        var badRows = 0
        var emptyIDs = 0
        var firstDay: Int32?
        var lastDay: Int32?
    }

    /// Runs the table's queries for `days` (none: the census alone), writing the signals into
    /// `signals`; checks the census as reading checks a file. Nil when the table is absent or empty.
    private func read(_ file: EventFile, asOf days: [CalendarDay], connection: BlockingConnection,
                      into signals: SignalTable?) throws -> Census? {
        guard let table = tables[file] else { return nil }
        var census: Census?
        var start = 0
        repeat {
            let chunk = Array(days[start..<min(days.count, start + PostgresSource.daysPerQuery)])
            let sql = PostgresFeatureSQL(file: file, time: table.time, rowID: table.rowID, days: chunk)
            let fold = TableFold(sql: sql, accounts: accounts, signals: signals, firstDayIndex: start)
            _ = try connection.rows(sql.query) { row in try fold.add(row) }
            if census == nil { census = fold.census }
            if file == .sessions, let signals, !chunk.isEmpty, fold.census.report.rows > 0 {
                let medians = MedianFold(accounts: accounts, signals: signals, days: chunk.count, firstDayIndex: start)
                _ = try connection.rows(sql.medianQuery) { row in try medians.add(row) }
            }
            start += PostgresSource.daysPerQuery
        } while start < days.count
        guard let census, census.report.rows > 0 else { return nil }
        try check(census, file: file, table: table, connection: connection)
        return census
    }

    /// Refuses what reading the file would refuse: bad values and empty ids always, rows of
    /// unknown accounts or dated before the start when strict. The row named is the first
    /// by row identifier.
    private func check(_ census: Census, file: EventFile, table: EventTable, connection: BlockingConnection) throws {
        let sql = PostgresFeatureSQL(file: file, time: table.time, rowID: table.rowID, days: [])
        let place = { (row: String) in "table \(PostgresTables.table(file)), row \(row)" }
        if census.badRows > 0 || census.emptyIDs > 0 {
            let rows = try connection.rows(sql.firstBadRow) { try $0.decode((String, String?, String?, String?, Int?).self) }
            if let (row, id, time, value, day) = rows.first {
                throw PostgresRowErrors.badRow(file: file, place: place(row), id: id, time: time, value: value,
                                               day: day.map { CalendarDay(daysSinceEpoch: Int32($0)) })
            }
        }
        guard strict, census.report.unknownAccountRows + census.report.beforeStartRows > 0 else { return }
        let rows = try connection.rows(sql.firstSkippedRow) { try $0.decode((String, String, Int, Bool).self) }
        if let (row, id, day, known) = rows.first {
            throw PostgresRowErrors.skippedRow(file: file, place: place(row), id: id,
                                               day: CalendarDay(daysSinceEpoch: Int32(day)), known: known)
        }
    }
}

/// The signals of every live account on each day, filled in by the queries' rows.
///
/// Written only by the rows' closure, which runs on the connection's event loop while a
/// query runs; read by the thread that waited for the query to finish.
final class SignalTable: @unchecked Sendable {
    let days: [CalendarDay]
    /// Per day, the positions of the accounts live that day, in table order.
    let positions: [[Int32]]
    /// Per day, each account position's slot in that day's signals (-1: not a customer).
    let slots: [[Int32]]
    var signals: [[AccountSignals]]

    init(accounts: AccountTable, days: [CalendarDay]) {
        self.days = days
        var positions: [[Int32]] = [], slots: [[Int32]] = [], signals: [[AccountSignals]] = []
        for day in days {
            var live: [Int32] = [], slot = [Int32](repeating: -1, count: accounts.count), values: [AccountSignals] = []
            for (position, account) in accounts.accounts.enumerated() where account.isCustomer(on: day) {
                slot[position] = Int32(live.count)
                live.append(Int32(position))
                values.append(AccountSignals(account, asOf: day))
            }
            positions.append(live)
            slots.append(slot)
            signals.append(values)
        }
        self.positions = positions
        self.slots = slots
        self.signals = signals
    }
}

/// Folds the rows of one table's query: the census, and each day's signals.
private final class TableFold: @unchecked Sendable {
    let sql: PostgresFeatureSQL
    let accounts: AccountTable
    let signals: SignalTable?
    /// The index in `signals.days` of the query's first day.
    let firstDayIndex: Int
    // Written on the event loop during the query only (see `SignalTable`).
    var census: PostgresSource.Census

    init(sql: PostgresFeatureSQL, accounts: AccountTable, signals: SignalTable?, firstDayIndex: Int) {
        self.sql = sql
        self.accounts = accounts
        self.signals = signals
        self.firstDayIndex = firstDayIndex
        census = PostgresSource.Census(report: EventFileReport(file: sql.file))
    }

    func add(_ row: PostgresRow) throws {
        let cells = row.makeRandomAccess()
        let id = try cells[0].decode(String?.self)
        let rows = try cells[1].decode(Int.self)
        let skipped = try cells[2].decode(Int.self)
        census.report.rows += rows
        census.badRows += rows - (try cells[3].decode(Int.self))
        if let first = try cells[4].decode(Int?.self) { census.firstDay = min(census.firstDay ?? Int32(first), Int32(first)) }
        if let last = try cells[5].decode(Int?.self) { census.lastDay = max(census.lastDay ?? Int32(last), Int32(last)) }
        guard let id, !id.trimmingSpacesAndTabs.isEmpty else {
            census.emptyIDs += rows
            return
        }
        // Known: the accounts table has exactly this id (the join compares bytes).
        guard let position = accounts.position(of: id), accounts.accounts[Int(position)].id.utf8.elementsEqual(id.utf8) else {
            census.report.unknownAccountRows += rows
            return
        }
        census.report.beforeStartRows += skipped
        guard let signals else { return }
        let perDay = sql.columnsPerDay
        for (offset, _) in sql.days.enumerated() {
            let day = firstDayIndex + offset
            let slot = Int(signals.slots[day][Int(position)])
            guard slot >= 0 else { continue }
            let base = 1 + PostgresFeatureSQL.censusColumns + offset * perDay
            try write(cells, from: base, into: &signals.signals[day][slot], asOf: signals.days[day])
        }
    }

    /// One day's columns into the signals, in the order `PostgresFeatureSQL.signals` lists them.
    private func write(_ cells: PostgresRandomAccessRow, from base: Int, into signals: inout AccountSignals,
                       asOf day: CalendarDay) throws {
        func int(_ offset: Int) throws -> Int { try cells[base + offset].decode(Int.self) }
        func double(_ offset: Int) throws -> Double? { try cells[base + offset].decode(Double?.self) }
        switch sql.file {
        case .sessions:
            signals.sessionsRecent = try int(0)
            signals.sessionsBaseline = try int(1)
            signals.daysSinceLastSession = try cells[base + 2].decode(Int?.self).map { Int(day.daysSinceEpoch) - $0 }
            // The medians come from `medianQuery` (`MedianFold`).
        case .nps:
            signals.npsAnswers = try int(0)
            signals.npsScoreTotal = try int(1)
            signals.npsPromoters = try int(2)
            signals.npsDetractors = try int(3)
        case .marketing:
            signals.emailsSent = try int(0)
            signals.emailOpens = try int(1)
            signals.emailClicks = try int(2)
            signals.otherMarketingActions = try int(3)
        case .interactions:
            signals.interactions = try int(0)
            signals.ratingWeightedTotal = try double(1) ?? 0
            signals.ratingWeightTotal = try double(2) ?? 0
            signals.poorRatings = try int(3)
        }
    }
}

/// Folds the rows of the sessions' median query into the signals (after `TableFold`, whose
/// counts decide whether a median is there: `SessionTally.median` wants 3 sessions).
private final class MedianFold: @unchecked Sendable {
    let accounts: AccountTable
    let signals: SignalTable
    let days: Int
    let firstDayIndex: Int

    init(accounts: AccountTable, signals: SignalTable, days: Int, firstDayIndex: Int) {
        self.accounts = accounts
        self.signals = signals
        self.days = days
        self.firstDayIndex = firstDayIndex
    }

    func add(_ row: PostgresRow) throws {
        let cells = row.makeRandomAccess()
        // Only rows that count reach this query: the account is known.
        guard let position = accounts.position(of: try cells[0].decode(String.self)) else { return }
        let minimum = Windows.minimumSessionsForMedian
        for offset in 0..<days {
            let day = firstDayIndex + offset
            let slot = Int(signals.slots[day][Int(position)])
            guard slot >= 0 else { continue }
            let recent = try cells[1 + 2 * offset].decode(Double?.self)
            let baseline = try cells[2 + 2 * offset].decode(Double?.self)
            signals.signals[day][slot].medianMinutesRecent =
                signals.signals[day][slot].sessionsRecent >= minimum ? recent.map { $0 / 60 } : nil
            signals.signals[day][slot].medianMinutesBaseline =
                signals.signals[day][slot].sessionsBaseline >= minimum ? baseline.map { $0 / 60 } : nil
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs, as a CSV cell's id is read.
    var trimmingSpacesAndTabs: Substring {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
