import GRDB
import PostgresNIO

/// Errors from GRDB, PostgresNIO and the rest, as the store's own, in words.
enum StoreErrors {
    static func translate(_ error: any Error, store: String, connecting: Bool = false) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case is InterruptedWrite:
            return .database(store: store, reason: "the write was interrupted; the store is unchanged")
        case let error as PostgresTransactionError:
            let inner = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError
            return inner.map { translate($0, store: store, connecting: connecting) }
                ?? .database(store: store, reason: "the transaction failed")
        case let error as PSQLError:
            return postgres(error, store: store, connecting: connecting)
        case is DatabaseError:
            return SQLiteStore.storeError(error, store: store)
        default:
            return .database(store: store, reason: String(describing: error))
        }
    }

    private static func postgres(_ error: PSQLError, store: String, connecting: Bool) -> StoreError {
        if let info = error.serverInfo {
            let state = info[.sqlState] ?? ""
            let message = info[.message] ?? "server error \(state)"
            // 55P03 lock_not_available, 40P01 deadlock, 40001 serialization failure.
            if ["55P03", "40P01", "40001"].contains(state) {
                return .busy(store: store, waitedSeconds: PostgresStore.lockTimeoutSeconds)
            }
            // Class 28: authorization; 3D000: no such database; 42501: insufficient privilege at login.
            if state.hasPrefix("28") || state == "3D000" || (connecting && state == "42501") {
                return .cannotConnect(store: store, reason: message)
            }
            return .database(store: store, reason: message)
        }
        let reason = error.underlying.map { String(describing: $0) } ?? "\(error.code)"
        switch error.code {
        case .connectionError, .sslUnsupported, .serverClosedConnection, .authMechanismRequiresPassword,
             .unsupportedAuthMechanism, .saslError, .failedToAddSSLHandler:
            return .cannotConnect(store: store, reason: reason)
        default:
            return connecting ? .cannotConnect(store: store, reason: reason) : .database(store: store, reason: reason)
        }
    }
}
