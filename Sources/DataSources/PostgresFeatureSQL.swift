import Features
import Ingest

/// The SQL that computes, inside PostgreSQL, what `Features` computes from a folder's events:
/// every point-in-time signal of every account for any set of as-of days, so that one row
/// per account crosses the network, never the events.
///
/// Each event table gets one query of this shape (sessions, as of T1 and T2):
///
///     SELECT e.account_id,
///            count(*),                                             -- the census of the table
///            count(*) FILTER (WHERE a.account_id IS NULL),
///            ...
///            count(*) FILTER (WHERE a.account_id IS NOT NULL
///                             AND e.started_at >= '<T1 - 29>' AND e.started_at < '<T1 + 1>'),
///            ...                                                   -- the signals as of T1
///            ...                                                   -- the signals as of T2
///     FROM sessions e
///     LEFT JOIN accounts a
///            ON a.account_id = e.account_id
///           AND e.started_at >= <start of a.started_on>
///     GROUP BY e.account_id
///
/// and sessions a second one for the median session lengths (`medianQuery`), over the rows
/// of the days' windows only.
///
/// - The row rules (`RowRules`): the join matches an event to its account only when it is
///   dated on or after the account's start, so `a.account_id IS NOT NULL` is the one test
///   of "this row counts" in every aggregate. The rows that do not count are tallied per
///   account id; the caller tells unknown accounts (an id the accounts table lacks) from
///   rows dated before the start (a known id), as `RowRules` does, and refuses them first
///   when reading is strict.
/// - Windows are whole UTC days, compared as instants: "the day of t is in [A, B]" is
///   `t >= start of A AND t < start of B + 1`, with the bounds as constants. Comparing a
///   column with constants is cheap, and every expression is immutable and free of text
///   constants, so the whole query, join and aggregates, can run on the server holding the
///   rows (`postgres_fdw` sends it to each shard of a sharded table; docs/postgresql.md).
/// - The as-of days are columns, not rows: one table scan serves every day, and the query
///   groups by the account alone, which is what lets PostgreSQL aggregate each hash
///   partition of a sharded table where it lives.
/// - The medians are apart because an ordered-set aggregate (percentile_cont) can neither
///   be hashed nor run in parallel: its query sorts its rows by account, so it reads only
///   the windows' rows, while the main query (counts, sums, the latest session, the census)
///   runs as a parallel hash aggregation over the whole table.
/// - Each aggregate below names the Swift code it stands for; a test checks that both give
///   the same `AccountSignals` for several days.
struct PostgresFeatureSQL {
    let file: EventFile
    /// The type of the table's time column.
    let time: TimeColumn
    /// How rows are named in errors.
    let rowID: RowIdentifier
    /// Distinct as-of days, in the order of the query's per-day columns.
    let days: [CalendarDay]

    var table: String { PostgresTables.table(file) }
    var timeColumn: String { "e.\(file.timeColumn)" }
    var valueColumn: String { "e.\(PostgresTables.valueColumn(file))" }

    /// The query: the census columns, then `columnsPerDay` columns per day.
    var query: String {
        var columns = ["e.account_id"] + census
        for day in days { columns += signals(asOf: day) }
        return """
            SELECT \(columns.joined(separator: ",\n       "))
            FROM \(table) e
            LEFT JOIN accounts a
                   ON a.account_id = e.account_id
                  AND \(timeColumn) >= \(time.start(ofDateColumn: "a.started_on"))
            GROUP BY e.account_id
            """
    }

    // MARK: - The census: what reading a file counts besides its events

    /// Columns 1-5: `EventFileReport.rows`, the rows that do not count (unknown account or
    /// before the start: `RowRules`), rows whose value and time reading accepts, and the
    /// first and last day of the rows that count (`SnapshotSeries.firstEventDay`,
    /// `DatasetFolder.latestDay()`), as days since 1970-01-01.
    var census: [String] {
        [
            "count(*)",
            "count(*) FILTER (WHERE a.account_id IS NULL)",
            // Counted as valid rows (the rest are bad): postgres_fdw 15 sends no coalesce()
            // inside an aggregate to a shard (around an aggregate's result it is computed
            // on the coordinator, which is fine).
            "count(*) FILTER (WHERE \(validRow))",
            time.epochDay("min(\(timeColumn)) FILTER (WHERE a.account_id IS NOT NULL)"),
            time.epochDay("max(\(timeColumn)) FILTER (WHERE a.account_id IS NOT NULL)"),
        ]
    }

    static let censusColumns = 5

    /// What the file's decoder and the timestamp parser accept, as a condition on a row.
    var validRow: String {
        let value = switch file {
        // SessionDecoder: a finite number >= 0 (NaN sorts above infinity in PostgreSQL), or
        // none (a blank cell: a login of unknown length, which the medians leave out).
        case .sessions: "(\(valueColumn) IS NULL OR (\(valueColumn) >= 0 AND \(valueColumn) < 'Infinity'))"
        // NPSDecoder: a whole number 0-10 (the column's type is an integer type).
        case .nps: "\(valueColumn) BETWEEN 0 AND 10"
        // MarketingDecoder: one of the six event names (`load` writes them in lower case).
        case .marketing: "\(valueColumn) IN (\(MarketingEventKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")))"
        // InteractionDecoder: a whole number 1-5.
        case .interactions: "\(valueColumn) BETWEEN 1 AND 5"
        }
        // DateBounds: from 1970-01-01 to a year after today, as for a file's row.
        let bounds = "\(timeColumn) >= \(time.start(of: DateBounds.earliest)) AND \(timeColumn) < \(time.start(of: DateBounds.latest.adding(days: 1)))"
        return "\(timeColumn) IS NOT NULL AND \(bounds) AND \(value)"
    }

    // MARK: - The signals as of one day

    /// Columns per day of `query`.
    var columnsPerDay: Int {
        switch file {
        case .sessions: 3
        case .nps: 4
        case .marketing: 4
        case .interactions: 4
        }
    }

    /// `a.account_id IS NOT NULL` (the row counts) and the day of the time column in
    /// `first...last`, both included.
    func counts(from first: CalendarDay, to last: CalendarDay) -> String {
        "a.account_id IS NOT NULL AND \(window(from: first, to: last))"
    }

    /// The day of the time column in `first...last`, both included.
    func window(from first: CalendarDay, to last: CalendarDay) -> String {
        "\(timeColumn) >= \(time.start(of: first)) AND \(timeColumn) < \(time.start(of: last.adding(days: 1)))"
    }

    /// SessionTally.add: age < Windows.recentDays is the recent window [T-29, T]; age <
    /// recentDays + baselineDays the baseline window [T-89, T-30].
    func sessionWindows(_ day: CalendarDay) -> (recent: String, baseline: String) {
        (window(from: day.adding(days: -(Windows.recentDays - 1)), to: day),
         window(from: day.adding(days: -(Windows.recentDays + Windows.baselineDays - 1)),
                to: day.adding(days: -Windows.recentDays)))
    }

    // MARK: - The median session lengths

    /// Sessions only: per account, the median length of the recent and the baseline
    /// window of each day (two columns per day), in seconds; the caller divides by 60 and
    /// applies the minimum of 3 sessions. Only rows that count (an inner join on the same
    /// condition) and lie in some day's windows are read.
    ///
    /// SessionTally stores lengths as Float and `Median.of` takes the mean of the middle
    /// two as doubles: the float8 -> real cast rounds the same way, and percentile_cont's
    /// lo + (hi - lo) * 0.5 is exact for two floats, so the medians are equal to the bit.
    var medianQuery: String {
        precondition(file == .sessions && !days.isEmpty, "medians are of session lengths, for some day")
        let seconds = "\(valueColumn)::float8::real"
        var columns = ["e.account_id"]
        for day in days {
            let (recent, baseline) = sessionWindows(day)
            // AccountSignals.medianMinutesRecent, then AccountSignals.medianMinutesBaseline
            columns.append("percentile_cont(0.5) WITHIN GROUP (ORDER BY \(seconds)) FILTER (WHERE \(recent))")
            columns.append("percentile_cont(0.5) WITHIN GROUP (ORDER BY \(seconds)) FILTER (WHERE \(baseline))")
        }
        let first = days.min()!.adding(days: -(Windows.recentDays + Windows.baselineDays - 1)), last = days.max()!
        return """
            SELECT \(columns.joined(separator: ",\n       "))
            FROM \(table) e
            JOIN accounts a
              ON a.account_id = e.account_id
             AND \(timeColumn) >= \(time.start(ofDateColumn: "a.started_on"))
            WHERE \(window(from: first, to: last))
            GROUP BY e.account_id
            """
    }

    /// The aggregates of one day T, in the order `PostgresSource` writes them into `AccountSignals`.
    func signals(asOf day: CalendarDay) -> [String] {
        switch file {
        case .sessions:
            let (recent, baseline) = sessionWindows(day)
            return [
                // AccountSignals.sessionsRecent
                "count(*) FILTER (WHERE a.account_id IS NOT NULL AND \(recent))",
                // AccountSignals.sessionsBaseline
                "count(*) FILTER (WHERE a.account_id IS NOT NULL AND \(baseline))",
                // AccountSignals.daysSinceLastSession: SessionTally.latestAge, any age >= 0
                time.epochDay("max(\(timeColumn)) FILTER (WHERE a.account_id IS NOT NULL AND \(timeColumn) < \(time.start(of: day.adding(days: 1))))"),
            ]
        case .nps:
            // NPSTally.add: age < Windows.npsDays.
            let window = counts(from: day.adding(days: -(Windows.npsDays - 1)), to: day)
            return [
                // AccountSignals.npsAnswers, npsScoreTotal, npsPromoters (9-10), npsDetractors (0-6)
                "count(*) FILTER (WHERE \(window))",
                "coalesce(sum(\(valueColumn)) FILTER (WHERE \(window)), 0)::bigint",
                "count(*) FILTER (WHERE \(window) AND \(valueColumn) >= 9)",
                "count(*) FILTER (WHERE \(window) AND \(valueColumn) <= 6)",
            ]
        case .marketing:
            // MarketingTally.add: age < Windows.marketingDays.
            let window = counts(from: day.adding(days: -(Windows.marketingDays - 1)), to: day)
            return [
                // AccountSignals.emailsSent, emailOpens, emailClicks, otherMarketingActions
                "count(*) FILTER (WHERE \(window) AND \(valueColumn) = '\(MarketingEventKind.emailSent.rawValue)')",
                "count(*) FILTER (WHERE \(window) AND \(valueColumn) = '\(MarketingEventKind.emailOpen.rawValue)')",
                "count(*) FILTER (WHERE \(window) AND \(valueColumn) = '\(MarketingEventKind.emailClick.rawValue)')",
                "count(*) FILTER (WHERE \(window) AND \(valueColumn) IN ('\(MarketingEventKind.webinar.rawValue)', '\(MarketingEventKind.caseStudy.rawValue)', '\(MarketingEventKind.social.rawValue)'))",
            ]
        case .interactions:
            // InteractionTally: age < Windows.interactionDays, weight 0.5^(age / half-life)
            // as InteractionCounts.weights tabulates it (PostgreSQL's power() is the C
            // library's pow(), as Foundation's is). The sums add the same terms in another
            // order, so they may differ in the last bits.
            let window = counts(from: day.adding(days: -(Windows.interactionDays - 1)), to: day)
            let age = "(\(time.literalDate(day)) - \(time.date(of: timeColumn)))::float8"
            let weight = "power(0.5::float8, \(age) / \(Windows.interactionHalfLifeDays)::float8)"
            return [
                // AccountSignals.interactions
                "count(*) FILTER (WHERE \(window))",
                // AccountSignals.ratingWeightedTotal
                "coalesce(sum(\(weight) * \(valueColumn)::float8) FILTER (WHERE \(window)), 0)",
                // AccountSignals.ratingWeightTotal
                "coalesce(sum(\(weight)) FILTER (WHERE \(window)), 0)",
                // AccountSignals.poorRatings (1 or 2)
                "count(*) FILTER (WHERE \(window) AND \(valueColumn) <= 2)",
            ]
        }
    }

    // MARK: - Finding the row behind a count

    /// The first row (by row identifier) that does not count: its name, account id, day and
    /// whether the account is known. For the strict reading's error.
    var firstSkippedRow: String {
        """
        SELECT \(rowID.label(timeColumn: timeColumn)), e.account_id, \(time.epochDay(timeColumn)), a.account_id IS NOT NULL
        FROM \(table) e
        LEFT JOIN accounts a ON a.account_id = e.account_id
        WHERE a.account_id IS NULL OR \(timeColumn) < \(time.start(ofDateColumn: "a.started_on"))
        ORDER BY \(rowID.order(timeColumn: timeColumn))
        LIMIT 1
        """
    }

    /// The first row whose time or value reading refuses, or whose account id is empty:
    /// its name, account id, time and value as text, and the time's day.
    var firstBadRow: String {
        """
        SELECT \(rowID.label(timeColumn: timeColumn)), e.account_id, \(timeColumn)::text, \(valueColumn)::text, \(time.epochDay(timeColumn))
        FROM \(table) e
        WHERE NOT coalesce(\(validRow), false) OR e.account_id IS NULL OR btrim(e.account_id, E' \\t') = ''
        ORDER BY \(rowID.order(timeColumn: timeColumn))
        LIMIT 1
        """
    }
}

/// The type of an event table's time column, and how the queries compare it with days.
///
/// Every expression is immutable (it does not depend on the session's time zone) and uses
/// no text constant, so PostgreSQL may evaluate it anywhere, a remote shard included.
enum TimeColumn: Equatable {
    /// `timestamptz`: an instant; its day is the UTC day, as for a CSV timestamp.
    case timestamptz
    /// `timestamp` (without time zone): read as UTC, as a CSV timestamp without a zone is.
    case timestamp
    /// `date`: the day itself.
    case date

    init?(type: String) {
        switch type {
        case "timestamp with time zone": self = .timestamptz
        case "timestamp without time zone": self = .timestamp
        case "date": self = .date
        default: return nil
        }
    }

    /// UTC as a zero offset rather than the zone's name: `AT TIME ZONE 'UTC'` takes a text
    /// argument, whose collation keeps postgres_fdw from sending the expression to a shard;
    /// an interval has none, and gives the same instants.
    static let utc = "INTERVAL '+00:00'"

    /// A constant of the column's type: the first instant of `day` (UTC).
    func start(of day: CalendarDay) -> String {
        // Days before the year 1 or after 9999 do not print as ISO dates: no data is there.
        let clamped = min(max(day, CalendarDay(year: 1, month: 1, day: 1)!), CalendarDay(year: 9999, month: 12, day: 31)!)
        switch self {
        case .timestamptz: return "'\(clamped) 00:00:00+00'::timestamptz"
        case .timestamp: return "'\(clamped) 00:00:00'::timestamp"
        case .date: return "'\(clamped)'::date"
        }
    }

    /// `day` as a date constant.
    func literalDate(_ day: CalendarDay) -> String { "'\(day)'::date" }

    /// The first instant of the day in a `date` column, in the column's type.
    func start(ofDateColumn column: String) -> String {
        switch self {
        case .timestamptz: "(\(column)::timestamp AT TIME ZONE \(TimeColumn.utc))"
        case .timestamp: "\(column)::timestamp"
        case .date: column
        }
    }

    /// The UTC day of a value of the column's type, as a `date`.
    func date(of expression: String) -> String {
        switch self {
        case .timestamptz: "(\(expression) AT TIME ZONE \(TimeColumn.utc))::date"
        case .timestamp: "(\(expression))::date"
        case .date: "(\(expression))"
        }
    }

    /// The UTC day of a value as days since 1970-01-01 (an integer; NULL stays NULL).
    func epochDay(_ expression: String) -> String {
        "(\(date(of: expression)) - '1970-01-01'::date)"
    }
}

/// How an error names a row of an event table: by its `id` (the tables `load` creates have
/// one), else by PostgreSQL's `ctid` (any table), else (a view) by its account and time.
enum RowIdentifier: Equatable {
    case id, ctid, accountAndTime

    /// The row's name, as text: `id 17`, `ctid (0,17)`, `('A9', 2026-01-05 10:00:00+00)`.
    func label(timeColumn: String) -> String {
        switch self {
        case .id: "'id ' || e.id::text"
        case .ctid: "'ctid ' || e.ctid::text"
        case .accountAndTime: "format('(%L, %s)', e.account_id, \(timeColumn))"
        }
    }

    /// The order in which the first offending row is the first.
    func order(timeColumn: String) -> String {
        switch self {
        case .id: "e.id"
        case .ctid: "e.ctid"
        case .accountAndTime: "e.account_id, \(timeColumn)"
        }
    }
}
