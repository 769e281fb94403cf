import Hummingbird
import Report

/// The frame of every page: the head, the navigation and the footer; and the one
/// stylesheet, served from this server (the Content-Security-Policy allows no inline
/// style, no script and nothing from elsewhere).
enum Layout {
    enum Section: String { case portfolio, accounts, runs, none }

    static func page(title: String, section: Section, body: String) -> String {
        func link(_ href: String, _ text: String, _ target: Section) -> String {
            target == section ? "<a href=\"\(href)\" aria-current=\"page\">\(text)</a>" : "<a href=\"\(href)\">\(text)</a>"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · healthscore</title>
            <link rel="stylesheet" href="/assets/dashboard.css">
            </head>
            <body>
            <header class="top">
            <nav aria-label="Main">
            <span class="brand">healthscore</span>
            \(link("/", "Portfolio", .portfolio))
            \(link("/accounts", "Accounts", .accounts))
            \(link("/runs", "Runs", .runs))
            <a href="/api/openapi.json">API</a>
            </nav>
            </header>
            <main>
            \(body)
            </main>
            <footer><p>healthscore serve reads the score store and changes nothing. \
            These pages use no script and load nothing from elsewhere; the same data is at \
            <a href="/api/v1/runs">/api/v1/</a>, described at <a href="/api/openapi.json">/api/openapi.json</a>.</p></footer>
            </body>
            </html>

            """
    }

    static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static func errorPage(_ failure: ServerFailure) -> String {
        let heading = switch failure {
        case .notFound: "Not found"
        case .badRequest: "That request cannot be answered"
        case .unauthorized: "A token is needed"
        case .methodNotAllowed: "Read-only"
        case .storeUnavailable: "The store cannot be read"
        }
        return page(title: heading, section: .none, body: """
            <h1>\(heading)</h1>
            <p class="lede">\(HTML.escape(failure.message)).</p>
            <p><a href="/">Back to the portfolio</a></p>
            """)
    }

    static func stylesheet() -> Response {
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: css)))
    }

    /// The report's stylesheet and the dashboard's additions.
    static let css = ReportStyle.css + """

        header.top { border-bottom: 1px solid #d8dee4; background: #fff; margin: 0; }
        header.top nav { max-width: 1120px; margin: 0 auto; padding: 10px 28px; display: flex; gap: 22px; align-items: baseline; flex-wrap: wrap; }
        header.top .brand { font-weight: 700; font-size: 18px; margin-right: 12px; }
        header.top a { text-decoration: none; font-weight: 600; }
        header.top a[aria-current="page"] { text-decoration: underline; text-underline-offset: 6px; text-decoration-thickness: 3px; }
        main { margin-top: 0; }
        h1 { margin-top: 4px; }
        h2 { margin-top: 32px; }
        footer { max-width: 1120px; margin: 0 auto; padding: 4px 28px 24px; }
        form.filters { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: end; margin: 12px 0; padding: 12px 14px;
                       background: #f6f8fa; border: 1px solid #d8dee4; border-radius: 8px; }
        form.filters label { display: flex; flex-direction: column; font-size: 14px; font-weight: 600; gap: 3px; }
        form.filters input, form.filters select { font: inherit; font-weight: normal; padding: 4px 6px; border: 1px solid #8c959f; border-radius: 5px; background: #fff; min-width: 9em; }
        form.filters button { font: inherit; font-weight: 600; padding: 5px 14px; border-radius: 5px; border: 1px solid #0550ae; background: #0969da; color: #fff; cursor: pointer; }
        form.filters a { align-self: center; font-size: 14px; }
        nav.pages { display: flex; gap: 18px; align-items: baseline; margin: 8px 0 24px; flex-wrap: wrap; }
        nav.pages .muted { font-size: 14px; }
        table.accounts { width: 100%; }
        table.accounts td:first-child { min-width: 14em; }
        th a { color: inherit; }
        .up { color: #8a2c00; font-weight: 600; white-space: nowrap; }
        .down { color: #00603f; font-weight: 600; white-space: nowrap; }
        .flat { color: #57606a; white-space: nowrap; }
        .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 8px 32px; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; font-size: 15px; }
        dl.facts dt { color: #57606a; }
        dl.facts dd { margin: 0; }
        """
}
