import ArgumentParser
import Foundation
import Logging
import Server
import Store

extension Healthscore {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The dashboard and a JSON API on the score store, read-only.",
            discussion: """
                Pages: / (portfolio), /accounts (filter, search, sort), /accounts/ID (what to \
                know before a call), /runs. JSON under /api/v1/ (runs, accounts, \
                accounts/ID, accounts/ID/history, changes), described at /api/openapi.json.

                Listens on 127.0.0.1 by default. Any other address needs --token (or \
                HEALTHSCORE_TOKEN); with a token set, every request must carry \
                Authorization: Bearer TOKEN. One log line per request goes to stderr; \
                Ctrl-C (or SIGTERM) finishes the requests in flight and stops.
                """
        )

        static let tokenVariable = "HEALTHSCORE_TOKEN"

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
        var host = ServerSettings.defaultHost

        @Option(help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "port"))
        var port = ServerSettings.defaultPort

        @Option(help: ArgumentHelp(
            "Require Authorization: Bearer TOKEN on every request (default: $HEALTHSCORE_TOKEN; at least 16 characters).",
            valueName: "token"))
        var token: String?

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let given = token ?? environment[Serve.tokenVariable]
            let settings = try attempt {
                try ServerSettings(host: host, port: port, token: (given?.isEmpty ?? true) ? nil : given).validated()
            }
            LoggingSystem.bootstrap(StreamLogHandler.standardError)
            let logger = Logger(label: "healthscore.serve")
            try await storeOptions.withExistingStore { store in
                let runs = try await store.runs()
                let description = store.url.description
                try await DashboardServer.run(store: store, settings: settings, logger: logger) { host, port in
                    let shown = host.contains(":") ? "[\(host)]" : host
                    note("Serving \(description) (\(runs.count) run\(runs.count == 1 ? "" : "s")) at http://\(shown):\(port)/"
                         + (settings.token == nil ? "" : " (token required)") + "; Ctrl-C stops.")
                }
            }
        }
    }
}
