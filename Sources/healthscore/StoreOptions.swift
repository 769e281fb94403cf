import ArgumentParser
import Foundation
import Store

/// `--store URL`, or the HEALTHSCORE_STORE environment variable: shared by the commands
/// that read or write the score store.
struct StoreOptions: ParsableArguments {
    static let environmentVariable = "HEALTHSCORE_STORE"

    @Option(help: ArgumentHelp(
        "The score store: sqlite:PATH, a path ending in .sqlite or .db, or postgresql://USER@HOST[:PORT]/DATABASE (default: $HEALTHSCORE_STORE).",
        valueName: "url"))
    var store: String?

    /// Whether a store is named, by the option or the environment.
    var isGiven: Bool {
        !(store ?? ProcessInfo.processInfo.environment[StoreOptions.environmentVariable] ?? "").isEmpty
    }

    /// The store's URL, from the option or the environment.
    func url() throws -> StoreURL {
        let environment = ProcessInfo.processInfo.environment
        guard let text = store ?? environment[StoreOptions.environmentVariable], !text.isEmpty else {
            throw ValidationError("name the score store with --store URL or the \(StoreOptions.environmentVariable) environment variable")
        }
        return try attempt { try StoreURL(text, environment: environment) }
    }

    /// Runs `body` on a store that must exist already (for commands that only read),
    /// closing the store afterwards.
    func withExistingStore<T>(_ body: (ScoreStore) async throws -> T) async throws -> T {
        try await withStore(createIfMissing: false, body)
    }

    /// Runs `body` on the store, created when missing unless told otherwise, and closes
    /// the store afterwards, whether `body` fails or not.
    func withStore<T>(createIfMissing: Bool = true, _ body: (ScoreStore) async throws -> T) async throws -> T {
        let url = try url()
        let store = try await attempt { try await ScoreStore.open(url, createIfMissing: createIfMissing) }
        do {
            let value = try await attempt { try await body(store) }
            await store.close()
            return value
        } catch {
            await store.close()
            throw error
        }
    }
}
