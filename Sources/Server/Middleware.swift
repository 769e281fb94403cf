import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Store

/// One structured log line per request, with the status it got and how long it took.
struct RequestLogMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: DashboardContext,
                next: (Request, DashboardContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(String(format: "%.2f", milliseconds)),
        ])
        return response
    }
}

/// Headers every response carries: a Content-Security-Policy that allows no script, no
/// frame and nothing from another origin, and the usual companions.
struct SecurityHeadersMiddleware: RouterMiddleware {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let openerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
    static let resourcePolicy = HTTPField.Name("Cross-Origin-Resource-Policy")!

    func handle(_ request: Request, context: DashboardContext,
                next: (Request, DashboardContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.frameOptions] = "DENY"
        response.headers[Self.referrerPolicy] = "no-referrer"
        response.headers[Self.openerPolicy] = "same-origin"
        response.headers[Self.resourcePolicy] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// Turns whatever a route throws into a page (or, under /api/, JSON) with the right
/// status, so no error reaches the client as a bare 500.
struct ErrorMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: DashboardContext,
                next: (Request, DashboardContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure: ServerFailure
            switch error {
            case let error as ServerFailure: failure = error
            case let error as StoreError:
                failure = ServerFailure.from(error)
                if failure == .storeUnavailable {
                    context.logger.error("store read failed", metadata: ["error": .string(error.description)])
                }
            case let error as HTTPError where error.status == .notFound:
                failure = .notFound("there is no page at this address")
            default:
                context.logger.error("request failed", metadata: ["error": .string(String(describing: error))])
                failure = .storeUnavailable
            }
            return ErrorMiddleware.response(failure, for: request)
        }
    }

    static func response(_ failure: ServerFailure, for request: Request) -> Response {
        var response: Response
        if request.uri.path.hasPrefix("/api/") {
            response = (try? JSONBody.response(APIError(status: Int(failure.status.code), message: failure.message), status: failure.status))
                ?? Response(status: failure.status)
        } else {
            response = Layout.response(Layout.errorPage(failure), status: failure.status)
        }
        switch failure {
        case .unauthorized: response.headers[.wwwAuthenticate] = "Bearer realm=\"healthscore\""
        case .methodNotAllowed: response.headers[.allow] = "GET, HEAD"
        default: break
        }
        return response
    }
}

/// With a token set, every request must carry `Authorization: Bearer TOKEN`; the token
/// is compared in constant time, so the time taken tells nothing about how much of a
/// guess was right.
struct BearerTokenMiddleware: RouterMiddleware {
    let expected: [UInt8]

    init(token: String) { expected = Array("Bearer \(token)".utf8) }

    func handle(_ request: Request, context: DashboardContext,
                next: (Request, DashboardContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], ConstantTime.equal(Array(header.utf8), expected) else {
            throw ServerFailure.unauthorized
        }
        return try await next(request, context)
    }
}

/// Comparing secrets without telling, by the time taken, how much of a guess was right.
package enum ConstantTime {
    /// Whether `given` equals `expected`, looking at every byte of `expected` whatever the input.
    package static func equal(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference: UInt8 = given.count == expected.count ? 0 : 1
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}

/// Read-only: GET and HEAD pass; any other method is answered 405 with `Allow`.
struct ReadOnlyMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: DashboardContext,
                next: (Request, DashboardContext) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            throw ServerFailure.methodNotAllowed(request.method.rawValue)
        }
        var context = context
        context.query = QueryString(request.uri.query)
        return try await next(request, context)
    }
}
