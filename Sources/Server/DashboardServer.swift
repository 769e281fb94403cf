import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Store

/// Where and how the dashboard listens.
package struct ServerSettings: Sendable, Equatable {
    package var host: String
    package var port: Int
    /// When set, every request must carry `Authorization: Bearer <token>`.
    package var token: String?

    package static let defaultHost = "127.0.0.1"
    package static let defaultPort = 8080

    package init(host: String = ServerSettings.defaultHost, port: Int = ServerSettings.defaultPort, token: String? = nil) {
        self.host = host
        self.port = port
        self.token = token
    }

    /// Refuses what would expose the store: an address beyond loopback without a token,
    /// an empty or too short token, a port out of range.
    package func validated() throws(ServerSetupError) -> ServerSettings {
        guard (0...65535).contains(port) else { throw .badPort(port) }
        if let token {
            guard token.count >= ServerSettings.minimumTokenLength else { throw .weakToken(minimum: ServerSettings.minimumTokenLength) }
            guard token.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else { throw .tokenCharacters }
        } else if !ServerSettings.isLoopback(host) {
            throw .tokenRequired(host: host)
        }
        return self
    }

    package static let minimumTokenLength = 16

    /// 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach.
    package static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" || bare == "::1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// Why the server will not start.
package enum ServerSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    case tokenRequired(host: String)
    case weakToken(minimum: Int)
    case tokenCharacters
    case badPort(Int)

    package var description: String {
        switch self {
        case .tokenRequired(let host):
            "refusing to listen on \(host) without a token: any machine that reaches this address could read every account"
        case .weakToken(let minimum):
            "the token is too short: use at least \(minimum) characters, for example from `openssl rand -hex 24`"
        case .tokenCharacters:
            "the token must be printable ASCII without spaces (it travels in an HTTP header)"
        case .badPort(let port):
            "port \(port) is not a TCP port (0 to 65535)"
        }
    }
}

/// The dashboard and its API on a score store: Hummingbird's application, with the
/// middleware every route shares (request logs, security headers, errors as pages,
/// the token, read-only) and the routes of `Routes`.
package enum DashboardServer {
    /// The application; `onRunning` is told the bound address (the port, when 0 asked the
    /// system for a free one).
    package static func application(store: ScoreStore, settings: ServerSettings, logger: Logger,
                                    onRunning: @escaping @Sendable (String, Int) async -> Void = { _, _ in })
        -> some ApplicationProtocol {
        let router = Router(context: DashboardContext.self, options: .autoGenerateHeadEndpoints)
        // Middleware first: Hummingbird wraps each route in the middleware added before it.
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware())
        if let token = settings.token { router.add(middleware: BearerTokenMiddleware(token: token)) }
        router.add(middleware: ReadOnlyMiddleware())
        Routes(store: store).add(to: router)
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "healthscore"),
            onServerRunning: { channel in
                await onRunning(channel.localAddress?.ipAddress ?? settings.host, channel.localAddress?.port ?? settings.port)
            },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight and returns.
    /// The latest run's listing is read in the background at start, so the first page is quick.
    package static func run(store: ScoreStore, settings: ServerSettings, logger: Logger,
                            onRunning: @escaping @Sendable (String, Int) async -> Void = { _, _ in }) async throws {
        let app = application(store: store, settings: try settings.validated(), logger: logger) { host, port in
            Task {
                if let runs = try? await store.runs(), !runs.isEmpty {
                    _ = try? await store.listing()
                    _ = try? await store.totals(of: runs)
                }
            }
            await onRunning(host, port)
        }
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
