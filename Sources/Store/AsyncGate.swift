/// Lets at most a given number of tasks through at once; the others wait their turn, in
/// the order they came.
///
/// A PostgreSQL comparison holds one pooled connection while it asks for a second
/// (`PostgresChanges`): with as many comparisons at once as the pool has connections, each
/// would hold one and wait for ever on another. Keeping them one fewer than the pool
/// always leaves a connection for a second half.
actor AsyncGate {
    private let places: Int
    private var inside = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(places: Int) {
        precondition(places > 0, "a gate needs a place")
        self.places = places
    }

    /// Runs `body` once a place is free, and frees it after, whatever happens.
    nonisolated func through<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await enter()
        do {
            let value = try await body()
            await leave()
            return value
        } catch {
            await leave()
            throw error
        }
    }

    private func enter() async {
        if inside < places {
            inside += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the place to the first task waiting, if any.
    private func leave() {
        if waiting.isEmpty {
            inside -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
