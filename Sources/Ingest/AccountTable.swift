import Foundation
import Parallel

/// One row of `accounts.csv`.
package struct Account: Sendable, Equatable {
    package var id: String
    package var name: String
    package var owner: String
    package var segment: String
    /// Monthly recurring revenue; nil when the export leaves it empty.
    package var mrr: Double?
    package var seats: Int?
    package var startedOn: CalendarDay
    /// Nil while still a customer.
    package var churnedOn: CalendarDay?

    package init(id: String, name: String = "", owner: String = "", segment: String = "", mrr: Double? = nil,
                seats: Int? = nil, startedOn: CalendarDay, churnedOn: CalendarDay? = nil) {
        self.id = id; self.name = name; self.owner = owner; self.segment = segment
        self.mrr = mrr; self.seats = seats; self.startedOn = startedOn; self.churnedOn = churnedOn
    }

    /// The largest MRR read (a trillion a month): anything larger is a unit or typing error.
    package static let maximumMRR = 1e12
    /// The largest seat count read.
    package static let maximumSeats = 1_000_000_000

    /// A customer on `day`: started on or before it and not churned by then.
    package func isCustomer(on day: CalendarDay) -> Bool {
        startedOn <= day && (churnedOn.map { $0 > day } ?? true)
    }
}

/// All accounts of a dataset, with a lookup from id to position.
package struct AccountTable: Sendable {
    package let accounts: [Account]
    /// Positions by the bytes of the ids; event rows are looked up here.
    let index: AccountIndex
    /// Whether an id read (or refused after it) holds a byte outside ASCII: an id's bytes
    /// may then differ from those of an equal string.
    private let hasUnicodeIDs: Bool
    /// Positions by ids as strings compare them, for what bytes cannot answer.
    private let stringPositions: StringPositions

    package static let fileName = "accounts.csv"
    static let required = ["account_id", "started_on"]
    static let optional = ["name", "owner", "segment", "mrr", "seats", "churned_on"]

    package init(_ accounts: [Account]) {
        self.init(accounts, index: AccountIndex(accounts), hasUnicodeIDs: accounts.contains { !isASCII($0.id) })
    }

    /// Accounts whose index the caller already has (the duplicate check of `read` builds
    /// it, `AccountIDCheck`).
    init(_ accounts: [Account], index: AccountIndex, hasUnicodeIDs: Bool) {
        self.accounts = accounts
        self.index = index
        self.hasUnicodeIDs = hasUnicodeIDs
        self.stringPositions = StringPositions(accounts)
    }

    package var count: Int { accounts.count }

    /// Position of an account id, nil when unknown. Ids are equal as Swift strings are:
    /// under Unicode canonical equivalence ("é" as one character or as "e" and an accent).
    package func position(of id: String) -> Int32? {
        var bytes = id
        if let position = bytes.withUTF8({ index.position(of: $0) }) { return position }
        // Different bytes make the same string only with a byte outside ASCII on one side.
        guard hasUnicodeIDs || !isASCII(id) else { return nil }
        return stringPositions.position(of: id)
    }

    /// The latest date the table mentions (a start or a churn).
    package var latestDay: CalendarDay? {
        accounts.map { max($0.startedOn, $0.churnedOn ?? $0.startedOn) }.max()
    }

    /// Reads and checks `accounts.csv`: ids unique, non-empty, valid UTF-8 without control
    /// characters; dates valid and inside `DateBounds`; churned_on not before started_on;
    /// mrr and seats non-negative; text valid UTF-8.
    ///
    /// Every row is checked: the problems of the file come back together (the first 20,
    /// and how many more), or, with `rejects`, the rows with a problem are set aside there
    /// and the others read.
    ///
    /// The rows are read on `workers` threads (default: one per core) in ranges of at
    /// least `minimumPartBytes` (default 128 KiB, a millisecond's parse, well above the
    /// cost of a thread; tests lower it), with the result one reader gives (`AccountsRead`).
    package static func read(path: String, mapping: FileMapping = FileMapping(), rejects: RejectedRows? = nil,
                             workers: Int = onlineCores, minimumPartBytes: Int = 128 << 10) throws(InputError) -> AccountTable {
        let displayName = mapping.fileName ?? String(path.split(separator: "/").last ?? Substring(path))
        return try AccountsRead(path: path, displayName: displayName, mapping: mapping, rejects: rejects)
            .run(workers: workers, minimumPartBytes: minimumPartBytes)
    }

    /// Where each column is, looked up once rather than by name on every row.
    struct Columns {
        let id: Int, start: Int
        let churn: Int?, mrr: Int?, seats: Int?
        let name: Int?, owner: Int?, segment: Int?

        init(_ layout: ColumnLayout) {
            id = layout["account_id"]!
            start = layout["started_on"]!
            churn = layout["churned_on"]
            mrr = layout["mrr"]
            seats = layout["seats"]
            name = layout["name"]
            owner = layout["owner"]
            segment = layout["segment"]
        }
    }

    /// One row of accounts.csv, checked but for a duplicate id; `id` is set to the row's id
    /// once the id itself is found fine, for the duplicate check that follows.
    static func account(_ record: CSVRecord, layout: ColumnLayout, columns: Columns, file: String,
                        mapping: FileMapping, id checkedID: inout String?) throws(InputError) -> Account {
        try layout.check(record)
        if let problem = InputHygiene.problem(inBytes: FieldParsing.trimmed(record[columns.id])) {
            throw InputError(file: file, line: record.line, column: "account_id", problem: "the account id \(problem)",
                             hint: "ids are plain text; fix the export")
        }
        let id = trimmedText(record[columns.id])
        guard !id.isEmpty else {
            throw InputError(file: file, line: record.line, column: "account_id", problem: "the account id is empty")
        }
        checkedID = id
        let started = try Fields.day(record, columns.start, file: file, column: "started_on", format: mapping.dateFormat)
        var churned: CalendarDay?
        if let column = columns.churn, !FieldParsing.trimmed(record[column]).isEmpty {
            let day = try Fields.day(record, column, file: file, column: "churned_on", format: mapping.dateFormat)
            guard day >= started else {
                throw InputError(file: file, line: record.line, column: "churned_on",
                                 problem: "churned on \(day), before the account started on \(started)")
            }
            churned = day
        }
        /// An optional numeric column: nil when absent or empty, an error naming the cell
        /// when its value does not parse or lies outside `range`.
        func number<Value: Comparable>(_ column: Int?, _ name: String, _ parse: (UnsafeBufferPointer<UInt8>) -> Value?,
                                       in range: ClosedRange<Value>, isNot what: String,
                                       hint: String) throws(InputError) -> Value? {
            guard let column, !FieldParsing.trimmed(record[column]).isEmpty else { return nil }
            guard let value = parse(record[column]), range.contains(value) else {
                throw InputError(file: file, line: record.line, column: name,
                                 problem: "'\(record.string(column))' is not \(what)", hint: hint)
            }
            return value
        }
        let mrr = try number(columns.mrr, "mrr", FieldParsing.decimal, in: 0...Account.maximumMRR, isNot: "an amount",
                             hint: "MRR is a number from 0 to 10^12 without a currency sign; leave it empty if unknown")
        let seats = try number(columns.seats, "seats", FieldParsing.integer, in: 0...Account.maximumSeats, isNot: "a seat count",
                               hint: "a whole number from 0 to 10^9; leave it empty if unknown")
        func text(_ column: Int?, _ name: String) throws(InputError) -> String {
            guard let column else { return "" }
            guard InputHygiene.isValidUTF8(record[column]) else {
                throw InputError(file: file, line: record.line, column: name, problem: "the text is not valid UTF-8",
                                 hint: "save the export as UTF-8")
            }
            return trimmedText(record[column])
        }
        return Account(id: id, name: try text(columns.name, "name"), owner: try text(columns.owner, "owner"),
                       segment: try text(columns.segment, "segment"), mrr: mrr, seats: seats, startedOn: started,
                       churnedOn: churned)
    }

    /// The error for a row whose id an earlier row (on `firstLine`) has.
    static func duplicate(_ id: String, line: Int, firstLine: Int) -> InputError {
        InputError(file: AccountTable.fileName, line: line, column: "account_id",
                   problem: "duplicate account id '\(id)' (first seen on line \(firstLine))",
                   hint: "each account must appear once")
    }

    /// A cell as text without the spaces and tabs around it. Most cells have none, and are
    /// taken as they are; the others are trimmed by `trimmingSpaces`, character by character.
    @inline(__always)
    private static func trimmedText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let first = bytes.first, let last = bytes.last else { return text }
        let blank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        return blank(first) || blank(last) ? text.trimmingSpaces : text
    }
}

/// Account positions by id as Swift strings compare them, made on first use: lookups by
/// bytes answer all but those of ids outside ASCII, which most tables never see.
/// (Sendable by its lock: `positions` is only touched under it.)
private final class StringPositions: @unchecked Sendable {
    private let accounts: [Account]
    private let lock = NSLock()
    private var positions: [String: Int32]?

    init(_ accounts: [Account]) {
        self.accounts = accounts
    }

    func position(of id: String) -> Int32? {
        lock.withLock {
            if positions == nil { positions = StringPositions.make(accounts) }
            return positions![id]
        }
    }

    /// The positions of `accounts`; of equal ids, the first.
    static func make(_ accounts: [Account]) -> [String: Int32] {
        var positions: [String: Int32] = [:]
        positions.reserveCapacity(accounts.count)
        for (position, account) in accounts.enumerated() where positions[account.id] == nil {
            positions[account.id] = Int32(position)
        }
        return positions
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}

/// Typed field access that turns a bad value into an `InputError` naming the place.
enum Fields {
    /// A date cell, `YYYY-MM-DD` unless `format` says otherwise, inside `DateBounds`.
    static func day(_ record: CSVRecord, _ index: Int, file: String, column: String,
                    format: DateFormat? = nil) throws(InputError) -> CalendarDay {
        let bytes = FieldParsing.trimmed(record[index])
        guard let day = format.map({ $0.day(bytes) }) ?? CalendarDay(isoBytes: bytes) else {
            throw InputError(file: file, line: record.line, column: column,
                             problem: "'\(record.string(index))' is not a date",
                             hint: format.map { "dates are written \($0.description) in this file (the mapping file says so)" }
                                ?? "dates are written YYYY-MM-DD")
        }
        if let error = DateBounds.error(day, file: file, line: record.line, column: column) { throw error }
        return day
    }

    static func timestampDay(_ record: CSVRecord, _ index: Int, file: String, column: String) throws(InputError) -> CalendarDay {
        guard let day = Timestamp.day(record[index]) else {
            throw InputError(file: file, line: record.line, column: column,
                             problem: "'\(record.string(index))' is not a timestamp",
                             hint: "use ISO 8601, e.g. 2026-03-04T10:15:00Z, or a date YYYY-MM-DD")
        }
        return day
    }

    /// The instant of a timestamp cell (seconds since the epoch), with the message reading
    /// gives a cell that is not one.
    static func timestampSeconds(_ record: CSVRecord, _ index: Int, file: String, column: String) throws(InputError) -> Int64 {
        guard let seconds = Timestamp.unixSeconds(record[index]) else {
            throw InputError(file: file, line: record.line, column: column,
                             problem: "'\(record.string(index))' is not a timestamp",
                             hint: "use ISO 8601, e.g. 2026-03-04T10:15:00Z, or a date YYYY-MM-DD")
        }
        return seconds
    }

    static func integer(_ record: CSVRecord, _ index: Int, file: String, column: String,
                        range: ClosedRange<Int>, meaning: String) throws(InputError) -> Int {
        guard let value = FieldParsing.integer(record[index]), range.contains(value) else {
            throw InputError(file: file, line: record.line, column: column,
                             problem: "'\(record.string(index))' is not \(meaning)",
                             hint: "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
