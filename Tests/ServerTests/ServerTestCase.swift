import Foundation
import LoopbackHTTP
import Store
import TestSupport
import XCTest

/// Starts a server on the fixture's SQLite store for each test, and stops it after.
class ServerTestCase: XCTestCase {
    var fixture: ServerFixture!
    var store: ScoreStore!
    var server: TestServer!
    /// The token the server was started with, if any (override `token` to set one).
    var token: String? { nil }

    override func setUp() async throws {
        fixture = try await ServerFixture.shared()
        store = try await ScoreStore.open(.sqlite(path: fixture.sqlitePath), createIfMissing: false)
        server = try await TestServer(store: store, token: token)
    }

    override func tearDown() async throws {
        await server?.stop()
        await store?.close()
    }

    /// GET `path` (with the token when there is one), expecting `status`; the reply.
    @discardableResult
    func get(_ path: String, status: Int = 200, file: StaticString = #filePath, line: UInt = #line) throws -> HTTPReply {
        let reply = try server.get(path, headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])
        XCTAssertEqual(reply.status, status, "GET \(path): \(reply.text.prefix(300))", file: file, line: line)
        return reply
    }

    func getJSON(_ path: String, status: Int = 200, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let reply = try get(path, status: status, file: file, line: line)
        XCTAssertTrue(reply.headers["content-type"]?.hasPrefix("application/json") ?? false, "GET \(path) is not JSON", file: file, line: line)
        return try XCTUnwrap(try reply.json() as? [String: Any], "GET \(path) is not a JSON object", file: file, line: line)
    }
}
