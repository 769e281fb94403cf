import Logging
import PostgresAccess
import PostgresNIO

/// One PostgreSQL connection for synchronous code.
///
/// `DataSource` is synchronous (a folder is read on the calling thread), and PostgresNIO is
/// asynchronous. The bridge is the plainest one: the connection lives on one of NIO's
/// shared event loops, each query is started there and the calling thread waits for its
/// future. The calling thread is never an event loop thread, so the wait cannot block the
/// loop that completes it; no Swift task is involved, so no task waits on another. Rows
/// are handed to a closure on the event loop as they arrive (one row per account and day,
/// never the events), and collected there.
final class BlockingConnection: Sendable {
    private let connection: PostgresConnection
    let location: PostgresLocation
    private static let logger: Logger = {
        // PostgresNIO logs at debug and trace; stdout stays clean for the command's output.
        var logger = Logger(label: "healthscore.source")
        logger.logLevel = .critical
        return logger
    }()

    private init(connection: PostgresConnection, location: PostgresLocation) {
        self.connection = connection
        self.location = location
    }

    /// Connects to the URL's database, with its schema as the search path.
    static func open(_ location: PostgresLocation) throws(PostgresSourceError) -> BlockingConnection {
        do {
            let configuration = try location.connectionConfiguration()
            let connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger
            ).wait()
            return BlockingConnection(connection: connection, location: location)
        } catch {
            throw PostgresErrors.translate(error, database: location.description, connecting: true)
        }
    }

    /// Runs `body` on a new connection, closed afterwards whatever happens.
    static func with<T>(_ location: PostgresLocation, _ body: (BlockingConnection) throws -> T) throws -> T {
        let connection = try open(location)
        defer { connection.close() }
        return try body(connection)
    }

    /// Every row of `sql`, each handed to `decode` on the event loop as it arrives.
    func rows<Row: Sendable>(_ sql: String, _ decode: @escaping @Sendable (PostgresRow) throws -> Row) throws -> [Row] {
        let collected = Collected<Row>()
        do {
            _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: BlockingConnection.logger) { row in
                collected.rows.append(try decode(row))
            }.wait()
        } catch {
            throw PostgresErrors.translate(error, database: location.description)
        }
        return collected.rows
    }

    /// Runs a statement whose rows, if any, do not matter.
    func execute(_ sql: String) throws {
        _ = try rows(sql) { _ in () }
    }

    func close() {
        try? connection.close().wait()
    }

    /// Rows gathered by the query's row closure: written on the event loop only while the
    /// query runs, read by the waiting thread once its future has completed (which orders
    /// the writes before the read).
    private final class Collected<Row>: @unchecked Sendable {
        var rows: [Row] = []
    }
}

/// PostgresNIO's errors as the source's own, in words.
enum PostgresErrors {
    static func translate(_ error: any Error, database: String, connecting: Bool = false) -> PostgresSourceError {
        switch error {
        case let error as PostgresSourceError:
            return error
        case let error as PostgresTransactionError:
            let inner = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError
            return inner.map { translate($0, database: database, connecting: connecting) }
                ?? .database(database: database, reason: "the transaction failed")
        case let error as PSQLError:
            if let info = error.serverInfo {
                let state = info[.sqlState] ?? ""
                let message = info[.message] ?? "server error \(state)"
                // Class 28: authorization; 3D000: no such database.
                if state.hasPrefix("28") || state == "3D000" || (connecting && state == "42501") {
                    return .cannotConnect(database: database, reason: message)
                }
                return .database(database: database, reason: message)
            }
            let reason = error.underlying.map { String(describing: $0) } ?? "\(error.code)"
            switch error.code {
            case .connectionError, .sslUnsupported, .serverClosedConnection, .authMechanismRequiresPassword,
                 .unsupportedAuthMechanism, .saslError, .failedToAddSSLHandler:
                return .cannotConnect(database: database, reason: reason)
            default:
                return connecting ? .cannotConnect(database: database, reason: reason)
                    : .database(database: database, reason: reason)
            }
        default:
            return connecting ? .cannotConnect(database: database, reason: String(describing: error))
                : .database(database: database, reason: String(describing: error))
        }
    }
}
