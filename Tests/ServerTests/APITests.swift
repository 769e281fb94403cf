import Foundation
import Scoring
import Store
import XCTest

/// The JSON API against what the store holds, and what the fixture scored before
/// recording it.
final class APITests: ServerTestCase {
    func testRunsAreTheStoresRunsWithTheirTotals() async throws {
        let runs = try await store.runs()
        let json = try getJSON("/api/v1/runs")["runs"] as? [[String: Any]] ?? []
        XCTAssertEqual(json.count, ServerFixture.days.count)
        for (run, item) in zip(runs, json) {
            XCTAssertEqual(item["id"] as? Int, Int(run.id))
            XCTAssertEqual(item["as_of"] as? String, run.asOf.description)
            XCTAssertEqual(item["model_fingerprint"] as? String, run.modelFingerprint)
            XCTAssertEqual(item["account_count"] as? Int, run.accountCount)
        }
        // Totals from the scores as they were before recording.
        for (scored, item) in zip(fixture.scored, json) {
            let byTier = item["accounts_by_tier"] as? [String: Int] ?? [:]
            for tier in Tier.allCases {
                XCTAssertEqual(byTier[tier.rawValue], scored.scores.filter { $0.tier == tier }.count, "\(tier) on \(scored.asOf)")
            }
            let atRisk = (0..<scored.count).reduce(0.0) { $0 + scored.scores[$1].revenueAtRisk(mrr: scored.account(at: $1).mrr) }
            XCTAssertEqual(item["revenue_at_risk"] as? Double ?? -1, atRisk, accuracy: 1e-6 * max(1, atRisk))
        }
        XCTAssertNotEqual(json.last?["model_fingerprint"] as? String, json.first?["model_fingerprint"] as? String,
                          "the last run uses the second model")
    }

    /// Paging through the whole latest run gives every account once, with the numbers it was scored with.
    func testEveryPageTogetherIsTheLatestRunAsScored() async throws {
        let scored = fixture.scored.last!
        let previous = fixture.scored[fixture.scored.count - 2]
        var expected: [String: (Double, Int, Tier, Double?)] = [:]
        for index in 0..<scored.count {
            let account = scored.account(at: index), score = scored.scores[index]
            expected[account.id] = (score.churnProbability, score.healthScore, score.tier, account.mrr)
        }
        let before = Dictionary(uniqueKeysWithValues: (0..<previous.count).map { (previous.account(at: $0).id, previous.scores[$0].churnProbability) })
        var seen: [String] = []
        var path: String? = "/api/v1/accounts?limit=200"
        var lastProbability = 2.0
        while let next = path {
            let page = try getJSON(next)
            XCTAssertEqual(page["total"] as? Int, scored.count)
            XCTAssertLessThanOrEqual((page["accounts"] as? [Any])?.count ?? 0, 200)
            for item in page["accounts"] as? [[String: Any]] ?? [] {
                let id = try XCTUnwrap(item["account_id"] as? String)
                seen.append(id)
                let (probability, health, tier, mrr) = try XCTUnwrap(expected[id], "\(id) was not scored")
                XCTAssertTrue(Self.same(item["churn_probability"], probability), id)
                XCTAssertEqual(item["health_score"] as? Int, health, id)
                XCTAssertEqual(item["tier"] as? String, tier.rawValue, id)
                XCTAssertTrue(Self.same(item["mrr"], mrr), id)
                XCTAssertTrue(Self.same(item["churn_probability_previous"], before[id]), id)
                // Highest risk first.
                XCTAssertLessThanOrEqual(probability, lastProbability)
                lastProbability = probability
            }
            path = page["next"] as? String
        }
        XCTAssertEqual(seen.count, scored.count)
        XCTAssertEqual(Set(seen).count, scored.count, "an account on two pages")
    }

    func testFiltersSearchAndSortAgreeWithTheScores() async throws {
        let scored = fixture.scored.last!
        let atRisk = (0..<scored.count).filter { scored.scores[$0].tier == .atRisk }
        let page = try getJSON("/api/v1/accounts?tier=at_risk&sort=revenue&limit=200")
        XCTAssertEqual(page["total"] as? Int, atRisk.count)
        let items = page["accounts"] as? [[String: Any]] ?? []
        XCTAssertTrue(items.allSatisfy { $0["tier"] as? String == "at_risk" })
        let revenue = items.compactMap { $0["revenue_at_risk"] as? Double }
        XCTAssertEqual(revenue, revenue.sorted(by: >), "most revenue at risk first")

        let owner = ServerFixture.hostileOwner
        let byOwner = try getJSON("/api/v1/accounts?owner=" + Self.escape(owner))
        XCTAssertEqual(byOwner["total"] as? Int, 3)
        XCTAssertTrue((byOwner["accounts"] as? [[String: Any]] ?? []).allSatisfy { $0["owner"] as? String == owner })

        // Search by part of the name, in another case, and by id.
        let found = try getJSON("/api/v1/accounts?q=" + Self.escape("SCRIPT>ALERT"))
        XCTAssertEqual((found["accounts"] as? [[String: Any]])?.map { $0["account_id"] as? String }, [fixture.hostileID])
        let byID = try getJSON("/api/v1/accounts?q=" + Self.escape(fixture.hostileID))
        XCTAssertTrue((byID["accounts"] as? [[String: Any]] ?? []).contains { $0["account_id"] as? String == fixture.hostileID })

        // By change: the largest fall in health first, new accounts last.
        let changes = try getJSON("/api/v1/accounts?sort=change&limit=200")["accounts"] as? [[String: Any]] ?? []
        let falls = changes.compactMap { item -> Int? in
            guard let now = item["health_score"] as? Int, let then = item["health_score_previous"] as? Int else { return nil }
            return then - now
        }
        XCTAssertEqual(falls, falls.sorted(by: >))
        XCTAssertGreaterThan(falls.first ?? 0, 0)

        // Paging: an offset past the end is an empty page; a limit over 200 is cut to 200.
        let past = try getJSON("/api/v1/accounts?offset=100000")
        XCTAssertEqual((past["accounts"] as? [Any])?.count, 0)
        XCTAssertTrue(past["next"] is NSNull)
        XCTAssertEqual(try getJSON("/api/v1/accounts?limit=5000")["limit"] as? Int, 200)
        // A filter nobody matches.
        XCTAssertEqual(try getJSON("/api/v1/accounts?segment=nobody")["total"] as? Int, 0)
        // An earlier run by id.
        let first = try await store.runs().first!
        let early = try getJSON("/api/v1/accounts?run=\(first.id)")
        XCTAssertEqual((early["run"] as? [String: Any])?["as_of"] as? String, first.asOf.description)
        XCTAssertTrue(early["previous_run"] is NSNull)
    }

    func testParametersThatCannotBeReadAre400sAndUnknownRunsAre404s() throws {
        for path in ["/api/v1/accounts?tier=platinum", "/api/v1/accounts?sort=name", "/api/v1/accounts?offset=-1",
                     "/api/v1/accounts?limit=0", "/api/v1/accounts?limit=ten", "/api/v1/accounts?run=abc",
                     "/api/v1/changes?from=yesterday", "/api/v1/changes?min_drop=-3"] {
            let reply = try get(path, status: 400)
            XCTAssertNotNil((try reply.json() as? [String: Any])?["error"], path)
        }
        try get("/api/v1/accounts?run=999", status: 404)
        try get("/api/v1/changes?to=2020-01-01", status: 404)
        try get("/api/v1/accounts/no-such-account", status: 404)
        try get("/api/v1/accounts/no-such-account/history", status: 404)
        try get("/accounts?tier=platinum", status: 400)
    }

    func testHistoryIsTheShapeOfHistoryJSON() async throws {
        let id = fixture.hostileID
        let expected = try JSONSerialization.jsonObject(with: try await store.history(accountID: id).json()) as? NSDictionary
        let json = try getJSON("/api/v1/accounts/\(Self.escape(id))/history")
        XCTAssertEqual(json as NSDictionary, expected)
        let runs = json["runs"] as? [[String: Any]] ?? []
        XCTAssertEqual(runs.count, ServerFixture.days.count)
        XCTAssertEqual(runs.map { $0["as_of"] as? String }, ServerFixture.days.map(\.description), "oldest first")
    }

    func testChangesAreTheShapeOfChangesJSON() async throws {
        let expected = try JSONSerialization.jsonObject(with: try await store.changes().json()) as? NSDictionary
        XCTAssertEqual(try getJSON("/api/v1/changes") as NSDictionary, expected)
        let days = ServerFixture.days
        let chosen = try JSONSerialization.jsonObject(
            with: try await store.changes(from: days[0], to: days[2], minimumDrop: 5).json()) as? NSDictionary
        XCTAssertEqual(try getJSON("/api/v1/changes?from=\(days[0])&to=\(days[2])&min_drop=5") as NSDictionary, chosen)
    }

    /// The account in full: its scores as recorded, its change split into terms that add
    /// up to the change in log-odds (with a model term: the last run used another model).
    func testAccountDetailHoldsTheScoresAndAChangeThatAddsUp() async throws {
        let scored = fixture.scored.last!, previous = fixture.scored[fixture.scored.count - 2]
        for index in [0, 7, 123] {
            let id = scored.account(at: index).id
            let json = try getJSON("/api/v1/accounts/" + Self.escape(id))
            XCTAssertEqual(json["account_id"] as? String, id)
            XCTAssertTrue(Self.same(json["churn_probability"], scored.scores[index].churnProbability))
            XCTAssertEqual(json["health_score"] as? Int, scored.scores[index].healthScore)
            XCTAssertEqual((json["run"] as? [String: Any])?["as_of"] as? String, ServerFixture.days.last!.description)
            let features = json["features"] as? [[String: Any]] ?? []
            XCTAssertFalse(features.isEmpty)
            XCTAssertTrue(features.allSatisfy { $0["median"] is Double || $0["median"] is NSNull })
            guard let before = (0..<previous.count).first(where: { previous.account(at: $0).id == id }) else { continue }
            let change = try XCTUnwrap(json["change"] as? [String: Any], id)
            let terms = try XCTUnwrap(change["terms"] as? [String: Double])
            let logit = { (p: Double) in log(p / (1 - p)) }
            let whole = logit(scored.scores[index].churnProbability) - logit(previous.scores[before].churnProbability)
            XCTAssertEqual(terms.values.reduce(0, +), whole, accuracy: 1e-9, id)
            XCTAssertEqual(change["log_odds_change"] as? Double ?? .nan, whole, accuracy: 1e-9)
            XCTAssertNotEqual(terms["model"], 0, "the last two runs used different models")
        }
        // An earlier run of the same account.
        let firstRun = try await store.runs().first!
        let early = try getJSON("/api/v1/accounts/\(Self.escape(fixture.hostileID))?run=\(firstRun.id)")
        XCTAssertTrue(early["change"] is NSNull, "no run before the first")
    }

    /// Whether a number read by JSONSerialization is `expected`. Foundation's parser on
    /// Linux can miss the last bit of a double (JSONDecoder does not); the server writes
    /// them exactly, as the history and changes tests show by comparing the texts' values.
    static func same(_ value: Any?, _ expected: Double?) -> Bool {
        guard let expected else { return value == nil || value is NSNull }
        guard let number = value as? Double else { return false }
        return abs(number - expected) <= 1e-14 * max(abs(expected), 1e-300)
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? ""
    }
}
