import PostgresAccess

/// Why a PostgreSQL database could not be read as a data source, or loaded. Problems with
/// the data itself (a bad value, an unknown account under strict reading) are `InputError`s
/// naming the table and the row, as a folder's are for the file and the line.
package enum PostgresSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a usable `postgresql://` URL (password hidden).
    case badURL(PostgresURLError)
    /// The server could not be reached or refused the login.
    case cannotConnect(database: String, reason: String)
    /// The schema has no accounts table: nothing was loaded there.
    case noAccountsTable(database: String)
    /// A table lacks a column the features need.
    case missingColumn(database: String, table: String, column: String, found: [String])
    /// A column has a type the queries cannot read as the export's column.
    case wrongColumnType(database: String, table: String, column: String, type: String, expected: String)
    /// Loading would add accounts the tables already hold.
    case accountsAlreadyLoaded(database: String, ids: [String], count: Int)
    /// The tables exist but differ from the ones loading creates.
    case tableShape(database: String, table: String, problem: String)
    /// The database reported an error.
    case database(database: String, reason: String)

    package var description: String {
        switch self {
        case .badURL(let error):
            "\(error)"
        case .cannotConnect(let database, let reason):
            "\(database): cannot connect (\(reason))"
        case .noAccountsTable(let database):
            "\(database): no accounts table in this schema; load a folder of exports into it first"
        case let .missingColumn(database, table, column, found):
            "\(database): table \(table) has no column \(column) (found: \(found.joined(separator: ", ")))"
        case let .wrongColumnType(database, table, column, type, expected):
            "\(database): column \(table).\(column) is \(type); expected \(expected)"
        case let .accountsAlreadyLoaded(database, ids, count):
            "\(database): \(count) account\(count == 1 ? " is" : "s are") already loaded (\(ids.map { "'\($0)'" }.joined(separator: ", "))\(count > ids.count ? ", ..." : "")); nothing was loaded"
        case let .tableShape(database, table, problem):
            "\(database): table \(table) \(problem)"
        case let .database(database, reason):
            "\(database): \(reason)"
        }
    }
}
