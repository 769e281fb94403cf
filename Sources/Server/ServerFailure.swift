import Hummingbird
import Store

/// Why a request gets no page: each case is an HTTP status and a sentence for the person
/// (or the script) that asked.
package enum ServerFailure: Error, Sendable, Equatable {
    case notFound(String)
    case badRequest(String)
    case unauthorized
    case methodNotAllowed(String)
    /// The store could not be read; the reason is logged, not shown.
    case storeUnavailable

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .methodNotAllowed: .methodNotAllowed
        case .storeUnavailable: .serviceUnavailable
        }
    }

    var message: String {
        switch self {
        case .notFound(let what): what
        case .badRequest(let problem): problem
        case .unauthorized: "this server needs the header Authorization: Bearer TOKEN, with the token it was started with"
        case .methodNotAllowed(let method): "\(method) is not allowed: this server only reads (GET and HEAD)"
        case .storeUnavailable: "the score store could not be read; the server's log says why"
        }
    }

    /// A store error as the request's failure: questions about runs that are not there
    /// are 404s; a store that cannot be read is the server's problem, not the asker's.
    static func from(_ error: StoreError) -> ServerFailure {
        switch error {
        case .noSuchRun, .noRuns, .noRunOnOrBefore, .notEnoughRuns: .notFound(error.description)
        case .sameRun: .badRequest(error.description)
        default: .storeUnavailable
        }
    }
}
