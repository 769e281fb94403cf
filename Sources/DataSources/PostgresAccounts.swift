import Ingest
import PostgresAccess
import PostgresNIO

/// Reads the accounts table into an `AccountTable`, with the checks `accounts.csv` gets:
/// ids non-empty and unique, a start date, churned_on not before started_on, mrr and seats
/// non-negative. Accounts come in the byte order of their ids (a table has no file order).
enum PostgresAccounts {
    static func read(_ connection: BlockingConnection, columns: [String: String], isView: Bool) throws -> AccountTable {
        let location = connection.location
        func column(_ name: String, _ kind: PostgresTypes.Kind, required: Bool = false) throws -> String? {
            guard let type = columns[name] else {
                if required {
                    throw PostgresSourceError.missingColumn(database: location.description, table: PostgresTables.accounts,
                                                            column: name, found: columns.keys.sorted())
                }
                return nil
            }
            return try PostgresTypes.check(type, kind, table: PostgresTables.accounts, column: name, location: location)
        }
        _ = try column("account_id", .text, required: true)
        _ = try column("started_on", .date, required: true)
        // Names, owners and segments are read as text, whatever their type.
        let text = { (name: String) -> String in columns[name] == nil ? "''" : "coalesce(\(name)::text, '')" }
        let select = [
            isView ? "NULL::text" : "ctid::text", "account_id::text", text("name"), text("owner"), text("segment"),
            try column("mrr", .number) == nil ? "NULL::float8" : "mrr::float8",
            try column("seats", .integer) == nil ? "NULL::bigint" : "seats::bigint",
            "started_on - '1970-01-01'::date",
            try column("churned_on", .date) == nil ? "NULL::int" : "churned_on - '1970-01-01'::date",
        ]
        let rows = try connection.rows("""
            SELECT \(select.joined(separator: ", ")) FROM accounts ORDER BY account_id COLLATE "C"
            """) { row in
            try row.decode((String?, String?, String, String, String, Double?, Int?, Int?, Int?).self)
        }
        var accounts: [Account] = []
        accounts.reserveCapacity(rows.count)
        var seen = Set<String>()
        seen.reserveCapacity(rows.count)
        for (ctid, id, name, owner, segment, mrr, seats, started, churned) in rows {
            func problem(_ column: String, _ text: String, hint: String? = nil) -> InputError {
                let place = id.map { "table accounts, account '\($0)'" } ?? "table accounts, row \(ctid.map { "ctid \($0)" } ?? "without an id")"
                return InputError(file: place, column: column, problem: text, hint: hint)
            }
            guard let id, !id.trimmingSpacesAndTabs.isEmpty else { throw problem("account_id", "the account id is empty") }
            guard seen.insert(id).inserted else {
                throw problem("account_id", "duplicate account id '\(id)'", hint: "each account must appear once")
            }
            guard let started else { throw problem("started_on", "the start date is empty") }
            let start = CalendarDay(daysSinceEpoch: Int32(started))
            let churn = churned.map { CalendarDay(daysSinceEpoch: Int32($0)) }
            if let churn, churn < start {
                throw problem("churned_on", "churned on \(churn), before the account started on \(start)")
            }
            if let mrr, !(mrr >= 0 && mrr.isFinite) {
                throw problem("mrr", "'\(mrr)' is not an amount", hint: "MRR is a number >= 0; leave it NULL if unknown")
            }
            if let seats, seats < 0 {
                throw problem("seats", "'\(seats)' is not a seat count", hint: "a whole number >= 0; leave it NULL if unknown")
            }
            accounts.append(Account(id: id, name: name, owner: owner, segment: segment, mrr: mrr, seats: seats,
                                    startedOn: start, churnedOn: churn))
        }
        return AccountTable(accounts)
    }
}

/// The column types the queries can read for each kind of column.
enum PostgresTypes {
    enum Kind {
        case text, date, integer, number

        var types: Set<String> {
            switch self {
            case .text: ["text", "character varying", "character", "name"]
            case .date: ["date"]
            case .integer: ["smallint", "integer", "bigint"]
            case .number: ["smallint", "integer", "bigint", "real", "double precision", "numeric"]
            }
        }

        var expected: String {
            switch self {
            case .text: "text"
            case .date: "date"
            case .integer: "an integer type"
            case .number: "a numeric type (double precision, numeric, integer...)"
            }
        }
    }

    /// `type`, when it is one of `kind`'s.
    @discardableResult
    static func check(_ type: String, _ kind: Kind, table: String, column: String,
                      location: PostgresLocation) throws(PostgresSourceError) -> String {
        guard kind.types.contains(type) else {
            throw .wrongColumnType(database: location.description, table: table, column: column, type: type,
                                   expected: kind.expected)
        }
        return type
    }
}

/// The `InputError`s of database rows: the message reading gives the same cell in a file,
/// with the table and the row identifier in place of the file and the line.
enum PostgresRowErrors {
    /// A row whose account id is empty, time missing or out of bounds, or value out of range.
    static func badRow(file: EventFile, place: String, id: String?, time: String?, value: String?,
                       day: CalendarDay? = nil) -> InputError {
        guard let id, !id.trimmingSpacesAndTabs.isEmpty else {
            return InputError(file: place, column: "account_id", problem: "the account id is empty",
                              hint: "every row needs the id of its account")
        }
        guard time != nil else {
            return InputError(file: place, column: file.timeColumn, problem: "the time is empty",
                              hint: "every row needs the time it happened")
        }
        if let day, let problem = DateBounds.problem(day) {
            return InputError(file: place, column: file.timeColumn, problem: problem, hint: DateBounds.hint)
        }
        let text = value ?? "NULL"
        let column = PostgresTables.valueColumn(file)
        switch file {
        case .sessions:
            return InputError(file: place, column: column, problem: "'\(text)' is not a session duration",
                              hint: "seconds as a number >= 0")
        case .nps:
            return InputError(file: place, column: column, problem: "'\(text)' is not an NPS score",
                              hint: "expected a whole number from 0 to 10")
        case .marketing:
            return InputError(file: place, column: column, problem: "'\(text)' is not a marketing event",
                              hint: "one of " + MarketingEventKind.allCases.map(\.rawValue).joined(separator: ", "))
        case .interactions:
            return InputError(file: place, column: column, problem: "'\(text)' is not a rating",
                              hint: "expected a whole number from 1 to 5")
        }
    }

    /// A row of an unknown account, or dated before its account started, refused under
    /// strict reading: the rule `RowRules` gives for a file's row.
    static func skippedRow(file: EventFile, place: String, id: String, day: CalendarDay, known: Bool) -> InputError {
        let rule: RowProblem = known ? .beforeAccountStart(day: day, account: id) : .unknownAccount(id)
        let text = known ? "\(day) is before account '\(id)' started" : "'\(id)' is not in the accounts table"
        var error = InputError(file: place, column: known ? file.timeColumn : "account_id", problem: text)
        error.rule = rule
        return error
    }
}

/// The two queries behind the portfolio figures of a period.
struct PostgresActivitySQL {
    let file: EventFile
    let time: TimeColumn
    let first: CalendarDay
    let last: CalendarDay

    /// Rows that count (`RowRules`: a known account, on or after its start) dated in the period.
    private var rows: String {
        let column = "e.\(file.timeColumn)"
        return """
            FROM \(PostgresTables.table(file)) e
            JOIN accounts a ON a.account_id = e.account_id AND \(column) >= \(time.start(ofDateColumn: "a.started_on"))
            WHERE \(column) >= \(time.start(of: first)) AND \(column) < \(time.start(of: last.adding(days: 1)))
            """
    }

    /// NPS answers by score (`PeriodActivity.npsAnswersByScore`).
    var npsAnswers: String { "SELECT e.score::int, count(*) \(rows) GROUP BY 1" }

    /// The sessions and their median length in seconds (`Median.of` over the lengths as doubles).
    var sessions: String {
        "SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY e.duration_seconds::float8) \(rows)"
    }
}
