import Foundation
import Hummingbird
import Ingest
import Modeling
import Scoring
import Store

/// The routes: pages for people and the JSON API, all reading the store.
struct Routes: Sendable {
    let store: ScoreStore

    func add(to router: Router<DashboardContext>) {
        router.get("/") { _, _ in try await portfolio() }
        router.get("/accounts") { _, context in try await accountList(context.query) }
        router.get("/accounts/:id") { _, context in try await account(context.parameters.get("id"), context.query) }
        router.get("/runs") { _, _ in try await runsPage() }
        router.get("/assets/dashboard.css") { _, _ in Layout.stylesheet() }
        router.get("/assets/icon.svg") { _, _ in Routes.icon() }
        router.get("/favicon.ico") { _, _ in Routes.icon() }
        router.get("/api/openapi.json") { _, _ in JSONBody.response(data: Data(OpenAPIDocument.json.utf8)) }
        router.get("/api/v1/runs") { _, _ in try await apiRuns() }
        router.get("/api/v1/accounts") { request, context in try await apiAccounts(context.query, path: request.uri.path) }
        router.get("/api/v1/accounts/:id") { _, context in try await apiAccount(context.parameters.get("id"), context.query) }
        router.get("/api/v1/accounts/:id/history") { _, context in try await apiHistory(context.parameters.get("id")) }
        router.get("/api/v1/changes") { _, context in try await apiChanges(context.query) }
    }

    // MARK: pages

    func portfolio() async throws -> Response {
        let runs = try await store.runs()
        guard !runs.isEmpty else { return Layout.response(PortfolioPage.empty()) }
        let listing = try await store.listing()
        let totals = try await store.totals(of: runs)
        return Layout.response(PortfolioPage.render(runs: runs, totals: totals, listing: listing))
    }

    func accountList(_ parameters: QueryString) async throws -> Response {
        let query = try Routes.accountQuery(parameters)
        let listing = try await store.listing(runID: query.runID)
        let latest = try await store.run(id: nil).run.id
        return Layout.response(AccountListPage.render(listing.page(query), query: query, listing: listing, latestRunID: latest))
    }

    func account(_ segment: String?, _ parameters: QueryString) async throws -> Response {
        let (detail, history) = try await accountAndHistory(segment, parameters)
        let latest = try await store.run(id: nil).run.id
        return Layout.response(AccountDetailPage.render(detail, history: history!, latestRunID: latest))
    }

    func runsPage() async throws -> Response {
        let runs = try await store.runs()
        let totals = try await store.totals(of: runs)
        var models: [String: ChurnModel] = [:]
        for fingerprint in Set(runs.map(\.modelFingerprint)) {
            models[fingerprint] = try? await store.model(fingerprint: fingerprint)
        }
        return Layout.response(RunsPage.render(runs: runs, totals: totals, models: models))
    }

    // MARK: API

    func apiRuns() async throws -> Response {
        let runs = try await store.runs()
        let totals = try await store.totals(of: runs)
        return try JSONBody.response(APIValues.Runs(runs: zip(runs, totals).map { APIValues.Run($0, $1) }))
    }

    func apiAccounts(_ parameters: QueryString, path: String) async throws -> Response {
        let query = try Routes.accountQuery(parameters)
        let page = try await store.accounts(query)
        var next: String?
        if let offset = page.nextOffset {
            next = path + "?" + QueryString.encode([
                ("run", String(page.run.id)), ("tier", query.tier?.rawValue), ("owner", query.owner), ("segment", query.segment),
                ("q", query.search), ("sort", query.sort.rawValue), ("offset", String(offset)), ("limit", String(query.limit)),
            ])
        }
        return try JSONBody.response(APIValues.AccountList(page: page, next: next))
    }

    func apiAccount(_ segment: String?, _ parameters: QueryString) async throws -> Response {
        let (detail, _) = try await accountAndHistory(segment, parameters, needHistory: false)
        return try JSONBody.response(APIValues.Detail(detail: detail))
    }

    func apiHistory(_ segment: String?) async throws -> Response {
        guard let id = AccountPath.id(fromSegment: segment) else { throw Routes.noAccount }
        let history = try await store.history(accountID: id)
        guard !history.runs.isEmpty else { throw Routes.noAccount }
        return try JSONBody.response(history)
    }

    func apiChanges(_ parameters: QueryString) async throws -> Response {
        func day(_ name: String) throws -> CalendarDay? {
            guard let text = parameters[name] else { return nil }
            guard let day = CalendarDay(text) else { throw ServerFailure.badRequest("\(name) must be a day, YYYY-MM-DD") }
            return day
        }
        var minimumDrop = 10
        if let text = parameters["min_drop"] {
            guard let value = Int(text), value >= 0 else { throw ServerFailure.badRequest("min_drop must be a whole number of health points, 0 or more") }
            minimumDrop = value
        }
        let report = try await store.changes(from: try day("from"), to: try day("to"), minimumDrop: minimumDrop)
        return try JSONBody.response(report)
    }

    // MARK: shared

    static let noAccount = ServerFailure.notFound("no account with this id in the store")

    /// The account in the asked run (or the latest run that has it) and its history.
    func accountAndHistory(_ segment: String?, _ parameters: QueryString,
                           needHistory: Bool = true) async throws -> (AccountDetail, AccountHistory?) {
        guard let id = AccountPath.id(fromSegment: segment) else { throw Routes.noAccount }
        let runID = try Routes.runID(parameters)
        if let runID {
            guard let detail = try await store.account(id: id, runID: runID) else {
                throw ServerFailure.notFound("run \(runID) does not have this account")
            }
            return (detail, needHistory ? try await store.history(accountID: id) : nil)
        }
        let history = try await store.history(accountID: id)
        guard let last = history.runs.last, let detail = try await store.account(id: id, runID: last.runID) else {
            throw Routes.noAccount
        }
        return (detail, history)
    }

    static func runID(_ parameters: QueryString) throws -> Int64? {
        guard let text = parameters["run"] else { return nil }
        guard let id = Int64(text), id > 0 else { throw ServerFailure.badRequest("run must be a run id, a whole number") }
        return id
    }

    /// The account list's parameters; a value that cannot be read is a 400, naming it.
    static func accountQuery(_ parameters: QueryString) throws -> AccountQuery {
        var tier: Tier?
        if let text = parameters["tier"] {
            guard let parsed = Tier(rawValue: text) else { throw ServerFailure.badRequest("tier must be at_risk, watch or healthy") }
            tier = parsed
        }
        var sort = AccountSort.risk
        if let text = parameters["sort"] {
            guard let parsed = AccountSort(rawValue: text) else { throw ServerFailure.badRequest("sort must be risk, revenue or change") }
            sort = parsed
        }
        func count(_ name: String, minimum: Int) throws -> Int? {
            guard let text = parameters[name] else { return nil }
            guard let value = Int(text), value >= minimum else {
                throw ServerFailure.badRequest("\(name) must be a whole number, \(minimum) or more")
            }
            return value
        }
        return AccountQuery(runID: try runID(parameters), tier: tier, owner: parameters["owner"], segment: parameters["segment"],
                            search: parameters["q"], sort: sort, offset: try count("offset", minimum: 0) ?? 0,
                            limit: try count("limit", minimum: 1) ?? AccountQuery.defaultLimit)
    }

    /// A small mark for the browser tab, so that its request for one is answered.
    static func icon() -> Response {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0072B2"/>\
            <path d="M3 9h2l2-4 2 7 2-4h2" fill="none" stroke="white" stroke-width="1.6"/></svg>
            """
        return Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "max-age=86400"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: svg)))
    }
}
