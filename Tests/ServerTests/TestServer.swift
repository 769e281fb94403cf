import Foundation
import Logging
import LoopbackHTTP
import Server
import Store
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A real dashboard server on a free loopback port, on a store, for one test.
final class TestServer: @unchecked Sendable {
    let store: ScoreStore
    let port: Int
    private let task: Task<Void, any Error>

    /// Starts serving `store` and returns once the server listens.
    init(store: ScoreStore, token: String? = nil) async throws {
        self.store = store
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "healthscore.test-server")
        logger.logLevel = .critical
        let settings = ServerSettings(host: "127.0.0.1", port: 0, token: token)
        task = Task {
            defer { continuation.finish() }
            try await DashboardServer.run(store: store, settings: settings, logger: logger) { _, port in continuation.yield(port) }
        }
        var bound: Int?
        for await port in stream { bound = port; break }
        guard let bound else {
            _ = try await task.value
            throw TestServerFailure(description: "the server stopped before it listened")
        }
        port = bound
    }

    /// Stops the server (as SIGTERM would: the requests in flight finish first).
    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    func get(_ path: String, headers: [String: String] = [:]) throws -> HTTPReply {
        try request("GET", path, headers: headers)
    }

    /// One request on its own connection, written byte for byte as given: the path is
    /// sent as is, with no normalising of `..` or escapes.
    func request(_ method: String, _ path: String, headers: [String: String] = [:]) throws -> HTTPReply {
        try RawHTTP.send(port: port, method: method, path: path, headers: headers)
    }
}
