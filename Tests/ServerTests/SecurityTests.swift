import Foundation
import Server
import Store
import XCTest

/// What the server refuses and what it escapes: methods that would write, ids that look
/// like paths, hostile account names, and the headers every response carries.
final class SecurityTests: ServerTestCase {
    func testOnlyGETAndHEADAreServed() throws {
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            for path in ["/", "/accounts", "/api/v1/runs", "/api/v1/accounts/\(APITests.escape(fixture.hostileID))", "/nowhere"] {
                let reply = try server.request(method, path)
                XCTAssertEqual(reply.status, 405, "\(method) \(path)")
                XCTAssertEqual(reply.headers["allow"], "GET, HEAD", "\(method) \(path)")
            }
        }
        let head = try server.request("HEAD", "/accounts")
        XCTAssertEqual(head.status, 200)
        XCTAssertTrue(head.body.isEmpty)
    }

    /// Ids that look like paths are 404s, never 500s, and never reach a file.
    func testPathLikeIDsAreNotFound() throws {
        let attempts = [
            "/accounts/../etc/passwd", "/accounts/..%2F..%2Fetc%2Fpasswd", "/accounts/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/accounts/..", "/accounts/%2e%2e", "/accounts/a%2Fb", "/accounts/a%5Cb", "/accounts/%00", "/accounts/%ZZ",
            "/accounts/..%5C..%5Cwindows", "/api/v1/accounts/..%2Fetc%2Fpasswd", "/api/v1/accounts/%2e%2e/history",
            "/api/v1/accounts/..%2F..%2Fetc%2Fpasswd/history", "/accounts//etc/passwd", "/../../etc/passwd",
            "/assets/..%2F..%2Fetc%2Fpasswd", "/accounts/" + String(repeating: "a", count: 5000),
        ]
        for path in attempts {
            let reply = try server.get(path)
            XCTAssertEqual(reply.status, 404, "\(path): \(reply.text.prefix(200))")
            XCTAssertFalse(reply.text.contains("root:"), path)
        }
    }

    func testHostileNamesAreShownAsText() throws {
        let id = APITests.escape(fixture.hostileID)
        let escapedName = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;apostrophes&#39;"
        let escapedOwner = "O&#39;Brien &amp; &quot;Sons&quot; &lt;b&gt;bold&lt;/b&gt;"
        for path in ["/accounts/\(id)", "/accounts?q=script", "/accounts?owner=" + APITests.escape(ServerFixture.hostileOwner)] {
            let html = try get(path).text
            XCTAssertFalse(html.lowercased().contains("<script"), path)
            XCTAssertFalse(html.contains("<b>bold</b>"), path)
            XCTAssertTrue(html.contains(escapedOwner), path)
            XCTAssertTrue(html.contains(escapedName), path)
        }
        // In the JSON it is the name as it is.
        XCTAssertEqual(try getJSON("/api/v1/accounts/\(id)")["name"] as? String, ServerFixture.hostileName)
        // A search text comes back into the form escaped.
        let echoed = try get("/accounts?q=" + APITests.escape("\"><script>x</script>")).text
        XCTAssertFalse(echoed.contains("<script>x"))
        XCTAssertTrue(echoed.contains("&quot;&gt;&lt;script&gt;x&lt;/script&gt;"))
    }

    func testEveryResponseCarriesTheSecurityHeaders() throws {
        for (path, status) in [("/", 200), ("/accounts", 200), ("/api/v1/runs", 200), ("/nowhere", 404), ("/api/v1/nowhere", 404),
                               ("/assets/dashboard.css", 200), ("/api/openapi.json", 200)] {
            let reply = try get(path, status: status)
            let policy = reply.headers["content-security-policy"] ?? ""
            XCTAssertTrue(policy.contains("default-src 'none'"), path)
            XCTAssertFalse(policy.contains("script-src"), "\(path): no script source of any kind")
            XCTAssertFalse(policy.contains("unsafe-inline"), path)
            XCTAssertEqual(reply.headers["x-content-type-options"], "nosniff", path)
            XCTAssertEqual(reply.headers["x-frame-options"], "DENY", path)
            XCTAssertEqual(reply.headers["referrer-policy"], "no-referrer", path)
        }
        // Pages hold no script and load nothing from elsewhere.
        for path in ["/", "/accounts", "/accounts/\(APITests.escape(fixture.hostileID))", "/runs"] {
            let html = try get(path).text
            XCTAssertFalse(html.contains("<script"), path)
            XCTAssertNil(html.range(of: "(src|href)=\"(https?:)?//", options: .regularExpression), "\(path) loads from elsewhere")
            XCTAssertFalse(html.contains("style=\""), "\(path): an inline style the policy would block")
        }
        XCTAssertEqual(try get("/nowhere", status: 404).headers["content-type"], "text/html; charset=utf-8")
        XCTAssertEqual(try get("/api/v1/nowhere", status: 404).headers["content-type"], "application/json; charset=utf-8")
    }

    func testLoopbackOnlyWithoutAToken() throws {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"] {
            XCTAssertNoThrow(try ServerSettings(host: host, port: 8080).validated(), host)
        }
        for host in ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com", "127.0.0.1.nip.io", ""] {
            XCTAssertThrowsError(try ServerSettings(host: host, port: 8080).validated(), host) { error in
                XCTAssertEqual(error as? ServerSetupError, .tokenRequired(host: host))
            }
            XCTAssertNoThrow(try ServerSettings(host: host, port: 8080, token: String(repeating: "k", count: 32)).validated(), host)
        }
        XCTAssertThrowsError(try ServerSettings(token: "short").validated())
        XCTAssertThrowsError(try ServerSettings(token: "with a space in it, long enough").validated())
        XCTAssertThrowsError(try ServerSettings(port: 70000).validated())
    }
}

/// With a token, every request needs it, pages included.
final class TokenTests: ServerTestCase {
    static let secret = "s3cret-token-for-the-tests-0123456789"
    override var token: String? { Self.secret }

    func testEveryRequestNeedsTheToken() throws {
        let paths = ["/", "/accounts", "/accounts/\(APITests.escape(fixture.hostileID))", "/runs", "/assets/dashboard.css",
                     "/api/openapi.json", "/api/v1/runs", "/api/v1/accounts", "/api/v1/changes", "/nowhere"]
        let wrong: [[String: String]] = [
            [:], ["Authorization": "Bearer wrong"], ["Authorization": "Bearer \(Self.secret)x"],
            ["Authorization": "Bearer \(Self.secret.dropLast())"], ["Authorization": "bearer\(Self.secret)"],
            ["Authorization": Self.secret], ["Authorization": "Basic \(Data("user:\(Self.secret)".utf8).base64EncodedString())"],
        ]
        for path in paths {
            for headers in wrong {
                let reply = try server.get(path, headers: headers)
                XCTAssertEqual(reply.status, 401, "\(path) with \(headers)")
                XCTAssertEqual(reply.headers["www-authenticate"], "Bearer realm=\"healthscore\"")
                XCTAssertFalse(reply.text.contains(fixture.hostileID), "\(path): data shown without the token")
            }
            XCTAssertEqual(try get(path, status: path == "/nowhere" ? 404 : 200).status, path == "/nowhere" ? 404 : 200)
        }
        // Writing without the token is refused before anything else.
        XCTAssertEqual(try server.request("POST", "/api/v1/runs").status, 401)
    }

    func testTheComparisonLooksAtEveryByte() {
        let expected = Array("Bearer abc".utf8)
        XCTAssertTrue(ConstantTime.equal(Array("Bearer abc".utf8), expected))
        XCTAssertFalse(ConstantTime.equal(Array("Bearer abd".utf8), expected))
        XCTAssertFalse(ConstantTime.equal(Array("Bearer ab".utf8), expected))
        XCTAssertFalse(ConstantTime.equal(Array("Bearer abc\u{0}".utf8), expected))
        XCTAssertFalse(ConstantTime.equal([], expected))
    }
}
