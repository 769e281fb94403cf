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

    /// A customer on `day`: started on or before it and not churned by then.
    package func isCustomer(on day: CalendarDay) -> Bool {
        startedOn <= day && (churnedOn.map { $0 > day } ?? true)
    }
}

/// All accounts of a dataset, with a lookup from id to position.
package struct AccountTable: Sendable {
    package let accounts: [Account]
    private let positions: [String: Int32]

    package static let fileName = "accounts.csv"
    static let required = ["account_id", "started_on"]
    static let optional = ["name", "owner", "segment", "mrr", "seats", "churned_on"]

    package init(_ accounts: [Account]) {
        self.accounts = accounts
        var positions: [String: Int32] = [:]
        positions.reserveCapacity(accounts.count)
        for (index, account) in accounts.enumerated() { positions[account.id] = Int32(index) }
        self.positions = positions
    }

    package var count: Int { accounts.count }

    /// Position of an account id, nil when unknown.
    package func position(of id: String) -> Int32? { positions[id] }

    /// The latest date the table mentions (a start or a churn).
    package var latestDay: CalendarDay? {
        accounts.map { max($0.startedOn, $0.churnedOn ?? $0.startedOn) }.max()
    }

    /// Reads and checks `accounts.csv`: ids unique and non-empty, dates valid,
    /// churned_on not before started_on, mrr and seats non-negative.
    package static func read(path: String) throws(InputError) -> AccountTable {
        let reader = try CSVReader(path: path)
        let layout = try ColumnLayout(reading: reader, required: required, optional: optional)
        let file = reader.fileName
        let idColumn = layout["account_id"]!, startColumn = layout["started_on"]!
        var accounts: [Account] = []
        var firstLine: [String: Int] = [:]
        while let record = try reader.nextRecord() {
            try layout.check(record)
            let id = record.string(idColumn).trimmingSpaces
            guard !id.isEmpty else {
                throw InputError(file: file, line: record.line, column: "account_id", problem: "the account id is empty")
            }
            if let earlier = firstLine[id] {
                throw InputError(file: file, line: record.line, column: "account_id",
                                 problem: "duplicate account id '\(id)' (first seen on line \(earlier))",
                                 hint: "each account must appear once")
            }
            firstLine[id] = record.line
            let started = try Fields.day(record, startColumn, file: file, column: "started_on")
            var churned: CalendarDay?
            if let column = layout["churned_on"], !FieldParsing.trimmed(record[column]).isEmpty {
                let day = try Fields.day(record, column, file: file, column: "churned_on")
                guard day >= started else {
                    throw InputError(file: file, line: record.line, column: "churned_on",
                                     problem: "churned on \(day), before the account started on \(started)")
                }
                churned = day
            }
            var mrr: Double?
            if let column = layout["mrr"], !FieldParsing.trimmed(record[column]).isEmpty {
                guard let value = FieldParsing.decimal(record[column]), value >= 0 else {
                    throw InputError(file: file, line: record.line, column: "mrr",
                                     problem: "'\(record.string(column))' is not an amount",
                                     hint: "MRR is a number >= 0 without a currency sign; leave it empty if unknown")
                }
                mrr = value
            }
            var seats: Int?
            if let column = layout["seats"], !FieldParsing.trimmed(record[column]).isEmpty {
                guard let value = FieldParsing.integer(record[column]), value >= 0 else {
                    throw InputError(file: file, line: record.line, column: "seats",
                                     problem: "'\(record.string(column))' is not a seat count",
                                     hint: "a whole number >= 0; leave it empty if unknown")
                }
                seats = value
            }
            func text(_ name: String) -> String { layout[name].map { record.string($0).trimmingSpaces } ?? "" }
            accounts.append(Account(id: id, name: text("name"), owner: text("owner"), segment: text("segment"),
                                    mrr: mrr, seats: seats, startedOn: started, churnedOn: churned))
        }
        return AccountTable(accounts)
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
    static func day(_ record: CSVRecord, _ index: Int, file: String, column: String) throws(InputError) -> CalendarDay {
        guard let day = CalendarDay(isoBytes: FieldParsing.trimmed(record[index])) else {
            throw InputError(file: file, line: record.line, column: column,
                             problem: "'\(record.string(index))' is not a date", hint: "dates are written YYYY-MM-DD")
        }
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
