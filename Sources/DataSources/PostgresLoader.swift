import Features
import Ingest
import Logging
import PostgresAccess
import PostgresNIO

/// Loads a folder of exports into the five tables of a PostgreSQL schema, in one
/// transaction: all of it, or nothing.
///
/// The files are read with the checks reading them gets (`EventRows`): a bad row stops the
/// load with its file, line and column, the transaction is rolled back, and the tables are
/// as they were. Rows of accounts accounts.csv lacks, or dated before their account
/// started, are loaded (reading from the database skips and counts them, as it does for the
/// files) unless reading is strict, which refuses them here as it would there.
///
/// The tables and the schema are created when missing. By default the folder is appended:
/// its accounts must all be new to the tables (one already there refuses the load), its
/// events are added. With `replace`, the tables are emptied first, in the same transaction.
/// Rows go through `COPY ... FROM STDIN`, a megabyte at a time; indexes are built after the
/// rows when the tables start empty, and the tables are analysed for the planner.
package enum PostgresLoader {
    /// What a load put into the tables.
    package struct Summary: Sendable {
        package var accounts = 0
        /// Per event file found: its rows, and how many reading will skip (or strictly refuse).
        package var reports: [EventFileReport] = []
        /// Event files the folder does not have: their tables were left as they were.
        package var missing: [EventFile] = []
        /// Whether the tables were emptied first.
        package var replaced = false
    }

    /// Bytes of COPY data gathered before each send.
    static let chunkSize = 1 << 20

    package static func load(_ folder: DatasetFolder, into location: PostgresLocation,
                             replace: Bool) async throws -> Summary {
        let logger = quietLogger
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try location.connectionConfiguration(),
                                                              id: 1, logger: logger)
        } catch {
            throw PostgresErrors.translate(error, database: location.description, connecting: true)
        }
        do {
            let summary = try await connection.withTransaction(logger: logger) { connection in
                try await load(folder, into: location, replace: replace, connection: connection, logger: logger)
            }
            try? await connection.close()
            return summary
        } catch {
            try? await connection.close()
            throw unwrapped(error, database: location.description)
        }
    }

    private static func load(_ folder: DatasetFolder, into location: PostgresLocation, replace: Bool,
                             connection: PostgresConnection, logger: Logger) async throws -> Summary {
        func run(_ sql: String) async throws { try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
        // One load at a time per schema; readers go on seeing the old rows until the commit.
        try await run("SELECT pg_advisory_xact_lock(1752396652, hashtext('\(location.schema)'))")
        try await run("CREATE SCHEMA IF NOT EXISTS \(location.schema)")
        try await run("SET LOCAL search_path = \(location.schema)")
        for statement in PostgresTables.createTables { try await run(statement) }
        var summary = Summary(replaced: replace)
        if replace {
            try await run("TRUNCATE accounts, \(EventFile.allCases.map(PostgresTables.table).joined(separator: ", "))")
            // Built again after the rows, at once, rather than row by row.
            for file in EventFile.allCases {
                try await run("DROP INDEX IF EXISTS \(PostgresTables.indexName(file))")
                try await run("ALTER TABLE \(PostgresTables.table(file)) DROP CONSTRAINT IF EXISTS \(PostgresTables.primaryKey(file))")
            }
        } else {
            try await refuseLoadedAccounts(folder.accounts, location: location, connection: connection, logger: logger)
        }
        try await connection.copyFrom(table: PostgresTables.accounts, columns: PostgresTables.accountColumns,
                                      logger: logger) { writer in
            try await copyAccounts(folder.accounts, to: writer)
        }
        summary.accounts = folder.accounts.count
        for file in EventFile.allCases {
            guard let rows = try EventRows(folder, file: file) else {
                summary.missing.append(file)
                continue
            }
            try await connection.copyFrom(table: PostgresTables.table(file), columns: PostgresTables.copyColumns(file),
                                          logger: logger) { writer in
                try await copy(rows, to: writer)
            }
            summary.reports.append(rows.report)
        }
        for statement in PostgresTables.createIndexes { try await run(statement) }
        try await run("ANALYZE accounts, \(EventFile.allCases.map(PostgresTables.table).joined(separator: ", "))")
        return summary
    }

    /// Appending: an account already in the table refuses the whole load (ids are unique).
    private static func refuseLoadedAccounts(_ accounts: AccountTable, location: PostgresLocation,
                                             connection: PostgresConnection, logger: Logger) async throws {
        let ids = accounts.accounts.map(\.id)
        var found = Set<String>()
        let rows = try await connection.query("SELECT account_id FROM accounts WHERE account_id = ANY(\(ids))",
                                              logger: logger)
        for try await id in rows.decode(String.self) { found.insert(id) }
        guard !found.isEmpty else { return }
        let first = ids.filter(found.contains).prefix(3)
        throw PostgresSourceError.accountsAlreadyLoaded(database: location.description, ids: Array(first), count: found.count)
    }

    private static func copyAccounts(_ accounts: AccountTable, to writer: PostgresCopyFromWriter) async throws {
        var copy = PostgresCopyText(capacity: chunkSize + 4096)
        for account in accounts.accounts {
            copy.text(account.id)
            copy.text(account.name)
            copy.text(account.owner)
            copy.text(account.segment)
            copy.number(account.mrr)
            copy.integer(account.seats.map(Int64.init))
            copy.day(account.startedOn)
            copy.day(account.churnedOn)
            copy.endRow()
            if copy.buffer.readableBytes >= chunkSize { try await send(&copy, to: writer) }
        }
        try await send(&copy, to: writer)
    }

    // Runs where the caller runs: the rows never leave the load's task.
    private nonisolated(nonsending) static func copy(_ rows: EventRows, to writer: PostgresCopyFromWriter) async throws {
        var copy = PostgresCopyText(capacity: chunkSize + 4096)
        let hasExtraColumn = EventRows.extraColumn(of: rows.file) != nil
        while try rows.next() {
            rows.withAccountID { copy.text($0) }
            copy.instant(unixSeconds: rows.seconds)
            switch rows.value {
            case .duration(let seconds): copy.number(seconds.isNaN ? nil : seconds)  // a blank length
            case .score(let score): copy.integer(Int64(score))
            case .kind(let kind): copy.text(kind.rawValue)
            case .rating(let rating): copy.integer(Int64(rating))
            }
            if hasExtraColumn {
                // user_id or channel: NULL when the file leaves it out or empty.
                let trimmed = rows.extra.map(FieldParsing.trimmed) ?? UnsafeBufferPointer(start: nil, count: 0)
                if trimmed.isEmpty { copy.null() } else { copy.text(trimmed) }
            }
            copy.endRow()
            if copy.buffer.readableBytes >= chunkSize { try await send(&copy, to: writer) }
        }
        try await send(&copy, to: writer)
    }

    private static func send(_ copy: inout PostgresCopyText, to writer: PostgresCopyFromWriter) async throws {
        guard copy.buffer.readableBytes > 0 else { return }
        try await writer.write(copy.buffer)
        copy.buffer.clear()
    }

    /// The reading error or the database's error behind a failed transaction.
    private static func unwrapped(_ error: any Error, database: String) -> any Error {
        if let error = error as? PostgresTransactionError {
            let inner = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError
            if let inner { return unwrapped(inner, database: database) }
        }
        if error is InputError || error is PostgresSourceError { return error }
        return PostgresErrors.translate(error, database: database)
    }

    private static var quietLogger: Logger {
        var logger = Logger(label: "healthscore.load")
        logger.logLevel = .critical
        return logger
    }
}

extension PostgresCopyText {
    /// A date, `YYYY-MM-DD`, or NULL.
    mutating func day(_ day: CalendarDay?) {
        guard let day else { null(); return }
        field { buffer in PostgresCopyText.write(day, to: &buffer) }
    }

    /// An instant as a UTC timestamp, `YYYY-MM-DD HH:MM:SS+00`.
    mutating func instant(unixSeconds seconds: Int64) {
        let day = CalendarDay(unixSeconds: seconds)
        let time = Int(seconds - day.unixSeconds)
        field { buffer in
            PostgresCopyText.write(day, to: &buffer)
            buffer.writeInteger(UInt8(ascii: " "))
            PostgresCopyText.twoDigits(time / 3600, to: &buffer)
            buffer.writeInteger(UInt8(ascii: ":"))
            PostgresCopyText.twoDigits(time / 60 % 60, to: &buffer)
            buffer.writeInteger(UInt8(ascii: ":"))
            PostgresCopyText.twoDigits(time % 60, to: &buffer)
            buffer.writeStaticString("+00")
        }
    }

    private static func write(_ day: CalendarDay, to buffer: inout ByteBuffer) {
        let (year, month, dayOfMonth) = day.civil
        guard (0...9999).contains(year) else { buffer.writeString(day.description); return }
        twoDigits(year / 100, to: &buffer)
        twoDigits(year % 100, to: &buffer)
        buffer.writeInteger(UInt8(ascii: "-"))
        twoDigits(month, to: &buffer)
        buffer.writeInteger(UInt8(ascii: "-"))
        twoDigits(dayOfMonth, to: &buffer)
    }

    private static func twoDigits(_ value: Int, to buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "0") + UInt8(value / 10))
        buffer.writeInteger(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
