import Foundation
import XCTest

/// The hand-written OpenAPI document kept true: every route's live JSON, for each status
/// it answers with, must match the schema the document gives for it, and the document
/// must name exactly the routes the server has.
final class OpenAPITests: ServerTestCase {
    func testLiveResponsesMatchTheDocument() async throws {
        let document = try getJSON("/api/openapi.json")
        XCTAssertEqual(document["openapi"] as? String, "3.1.0")
        let validator = SchemaValidator(document: document)
        for reference in validator.references() {
            XCTAssertNotNil(validator.resolve(reference), "unresolved \(reference)")
        }
        let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
        XCTAssertEqual(Set(paths.keys), ["/api/v1/runs", "/api/v1/accounts", "/api/v1/accounts/{id}",
                                         "/api/v1/accounts/{id}/history", "/api/v1/changes"])
        for (path, item) in paths {
            XCTAssertEqual(Set(item.keys), ["get"], "\(path): only GET")
        }
        let id = APITests.escape(fixture.hostileID)
        let firstRun = try await store.runs().first!.id
        let days = ServerFixture.days
        // (documented path, live request, expected status)
        let cases: [(String, String, Int)] = [
            ("/api/v1/runs", "/api/v1/runs", 200),
            ("/api/v1/accounts", "/api/v1/accounts", 200),
            ("/api/v1/accounts", "/api/v1/accounts?tier=watch&sort=change&limit=200", 200),
            ("/api/v1/accounts", "/api/v1/accounts?run=\(firstRun)&sort=revenue&offset=10&limit=3", 200),
            ("/api/v1/accounts", "/api/v1/accounts?q=zzzz-nobody", 200),
            ("/api/v1/accounts", "/api/v1/accounts?sort=sideways", 400),
            ("/api/v1/accounts", "/api/v1/accounts?run=424242", 404),
            ("/api/v1/accounts/{id}", "/api/v1/accounts/\(id)", 200),
            ("/api/v1/accounts/{id}", "/api/v1/accounts/\(id)?run=\(firstRun)", 200),
            ("/api/v1/accounts/{id}", "/api/v1/accounts/nobody-at-all", 404),
            ("/api/v1/accounts/{id}", "/api/v1/accounts/\(id)?run=x", 400),
            ("/api/v1/accounts/{id}/history", "/api/v1/accounts/\(id)/history", 200),
            ("/api/v1/accounts/{id}/history", "/api/v1/accounts/nobody-at-all/history", 404),
            ("/api/v1/changes", "/api/v1/changes", 200),
            ("/api/v1/changes", "/api/v1/changes?from=\(days[0])&to=\(days[3])&min_drop=0", 200),
            ("/api/v1/changes", "/api/v1/changes?from=bad", 400),
            ("/api/v1/changes", "/api/v1/changes?to=1999-01-01", 404),
        ]
        var covered: Set<String> = []
        for (documented, live, status) in cases {
            let body = try get(live, status: status).json()
            let operation = try XCTUnwrap(paths[documented]?["get"] as? [String: Any])
            let response = try XCTUnwrap((operation["responses"] as? [String: Any])?[String(status)] as? [String: Any],
                                         "\(documented) documents no \(status)")
            let resolved = (response["$ref"] as? String).flatMap(validator.resolve) ?? response
            let schema = try XCTUnwrap(((resolved["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                                       as? [String: Any], "\(documented) \(status): no JSON schema")
            XCTAssertEqual(validator.problems(body, schema), [], "GET \(live) (\(status))")
            covered.insert(documented)
        }
        XCTAssertEqual(covered, Set(paths.keys), "every documented route checked live")
    }

    /// The validator itself finds what it should, so that a pass above means something.
    func testTheValidatorCatchesWrongShapes() throws {
        let document: [String: Any] = ["components": ["schemas": ["T": ["type": "string", "enum": ["a", "b"]]]]]
        let validator = SchemaValidator(document: document)
        let schema: [String: Any] = [
            "type": "object", "additionalProperties": false, "required": ["n", "t"],
            "properties": ["n": ["type": "integer", "minimum": 0], "t": ["$ref": "#/components/schemas/T"],
                           "o": ["type": ["number", "null"]]],
        ]
        XCTAssertEqual(validator.problems(["n": 3, "t": "a", "o": NSNull()], schema), [])
        XCTAssertEqual(validator.problems(["n": 1.5, "t": "a"], schema).count, 1, "not an integer")
        XCTAssertEqual(validator.problems(["n": -1, "t": "a"], schema).count, 1, "below the minimum")
        XCTAssertEqual(validator.problems(["n": 1, "t": "c"], schema).count, 1, "not in the enum")
        XCTAssertEqual(validator.problems(["n": 1], schema).count, 1, "missing key")
        XCTAssertEqual(validator.problems(["n": 1, "t": "a", "extra": 1], schema).count, 1, "extra key")
        XCTAssertEqual(validator.problems(["n": 1, "t": "a", "o": "text"], schema).count, 1, "wrong type")
        XCTAssertEqual(validator.problems("x", ["type": "string", "uniqueItems": true]).count, 1, "unknown keyword")
    }
}
