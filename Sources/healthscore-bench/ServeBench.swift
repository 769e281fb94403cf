import ArgumentParser
import DataSources
import Features
import Foundation
import Ingest
import LoopbackHTTP
import Modeling
import Scoring
import Store

/// `healthscore-bench serve`: the dashboard under load. Builds (once) a store of a
/// simulated base scored weekly, starts the release `healthscore serve` on it as its own
/// process, and drives the account list and account pages with wrk from Debian's packages.
struct ServeLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Load the dashboard: account list and account pages on a store of about 100,000 accounts x 26 runs.",
        discussion: """
            Build both programs first: swift build -c release. The store is built under --work \
            the first time (a simulated base of --accounts accounts, about half of them still \
            customers at the end, a model trained on 2026-03-31, then --runs weekly runs ending \
            2026-09-30) and reused after. Then \
            `healthscore serve` runs on it and wrk (apt-get install wrk) drives it with \
            --connections clients for --seconds per stage: the account list (random filters, \
            searches, sorts and pages), the account pages (random accounts), then both \
            together. The server's resident memory is read before and after each stage.
            """
    )

    @Option(help: "Accounts in the simulated base, over its whole history (about half are customers in the last runs).")
    var accounts = 200_000

    @Option(help: "Weekly runs recorded in the store.")
    var runs = 26

    @Option(help: "Concurrent clients (wrk connections).")
    var connections = 16

    @Option(help: "Seconds of load per stage.")
    var seconds = 20

    @Option(help: ArgumentHelp("Folder for the base, the store, the request list and the server's log.", valueName: "dir"))
    var work = "/tmp/healthscore-bench"

    @Option(help: "Port for the server.")
    var port = 18080

    static let lastDay = CalendarDay(year: 2026, month: 9, day: 30)!

    func run() async throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("healthscore").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("no healthscore next to this program (\(binary)): build both with swift build -c release")
        }
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw ValidationError("wrk is not installed: apt-get install -y wrk")
        }
        print(Machine.description)
        let storePath = try await prepareStore()
        let store = try await ScoreStore.open(.sqlite(path: storePath), createIfMissing: false)
        let ids = try await store.listing().page(AccountQuery(limit: 1)).total
        let listing = try await store.listing()
        var sample = (0..<2_000).map { listing.page(AccountQuery(offset: ($0 * 7_919) % max(ids, 1), limit: 1)).accounts[0].row }
        sample.shuffle()
        let owners = listing.owners, segments = listing.segments
        await store.close()

        let listPaths = ListPaths(owners: owners, segments: segments, names: sample.map(\.name), accounts: ids).make(2_000)
        let accountPaths = sample.map { "/accounts/" + ($0.accountID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.accountID) }
        let server = try ServerProcess(binary: binary, store: storePath, port: port, log: work + "/serve.log")
        defer { server.stop() }
        print("Server: healthscore serve on \(storePath) (\(BenchTable.grouped(ids)) accounts in the latest of \(runs) runs), pid \(server.pid)")
        let started = server.residentBytes
        // One request of each kind first, so the latest run's listing is read before the clock starts.
        for path in ["/", listPaths[0], accountPaths[0], "/api/v1/accounts"] { _ = try ServerProcess.get(port: port, path: path) }
        let warm = server.residentBytes
        print("Server memory (RssAnon): \(megabytes(started)) at start, \(megabytes(warm)) after the first requests (the latest run's listing read)")
        print()
        print("stage                    requests   req/s     p50      p90      p99      max   errors  memory after")
        var results: [WrkResult] = []
        for (name, paths) in [("account list", listPaths), ("account pages", accountPaths),
                              ("both, again", zip(listPaths, accountPaths).flatMap { [$0, $1] })] {
            let result = try Wrk(executable: wrk, port: port, connections: connections, seconds: seconds,
                                 paths: paths, script: work + "/requests-\(name.prefix(4)).lua").run()
            results.append(result)
            let rss = server.residentBytes
            print([pad(name, 22), lpad(BenchTable.grouped(result.requests), 10), lpad(String(format: "%.0f", result.perSecond), 7),
                   lpad(ms(result.p50), 8), lpad(ms(result.p90), 8), lpad(ms(result.p99), 8), lpad(ms(result.max), 8),
                   lpad(String(result.errors), 8), lpad(megabytes(rss), 11)].joined(separator: " "))
        }
        let end = server.residentBytes
        print()
        let worst = results.map(\.p99).max() ?? 0
        let errors = results.map(\.errors).reduce(0, +)
        print("p99 \(worst < 0.050 ? "under" : "OVER") 50 ms in every stage (worst \(ms(worst))); \(errors) errors; "
              + "server memory \(megabytes(warm)) after warm-up, \(megabytes(end)) after \(BenchTable.grouped(results.map(\.requests).reduce(0, +))) requests.")
    }

    /// The store under --work, built unless an earlier run left it complete.
    func prepareStore() async throws -> String {
        let path = work + "/serve-\(accounts)x\(runs).sqlite"
        let stamp = path + ".complete"
        if FileManager.default.fileExists(atPath: stamp) { return path }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let stopwatch = Stopwatch()
        let folder = try BaseSize(accounts: accounts, sessionsPerAccount: 40).prepare(under: work)
        let source = try SourceLocation.open(folder)
        let training = try source.snapshots(asOf: [PipelineBench.trainingDay]).snapshots[0]
        let model = try ModelTrainer(horizonDays: PipelineBench.horizonDays).train(training, accounts: source.accounts).model
        let bytes = try model.encoded()
        let scorer = try Scorer(model: model)
        let days = (0..<runs).map { ServeLoad.lastDay.adding(days: -7 * (runs - 1 - $0)) }
        let store = try await ScoreStore.open(.sqlite(path: path))
        // A few days at a time, so that memory holds a few snapshots, not all of them.
        for chunk in stride(from: 0, to: days.count, by: 4) {
            let series = try source.snapshots(asOf: Array(days[chunk..<min(days.count, chunk + 4)]))
            for snapshot in series.snapshots {
                _ = try await store.record(scorer.score(snapshot, accounts: source.accounts), model: model, modelFileBytes: bytes,
                                           thresholds: TierThresholds())
            }
        }
        await store.close()
        _ = FileManager.default.createFile(atPath: stamp, contents: nil)
        FileHandle.standardError.write(Data("built the store: \(runs) runs of \(BenchTable.grouped(accounts)) accounts in \(String(format: "%.0f", stopwatch.seconds)) s\n".utf8))
        return path
    }
}

/// Account-list addresses as people use them: filters, searches, each sort, early and deep pages.
struct ListPaths {
    let owners: [String], segments: [String], names: [String], accounts: Int

    func make(_ count: Int) -> [String] {
        var random = SystemRandomNumberGenerator()
        func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        return (0..<count).map { index in
            var parts: [String] = []
            let sort = ["risk", "revenue", "change"][index % 3]
            if sort != "risk" { parts.append("sort=" + sort) }
            switch index % 5 {
            case 0: parts.append("tier=" + ["at_risk", "watch", "healthy"].randomElement(using: &random)!)
            case 1: if let owner = owners.randomElement(using: &random) { parts.append("owner=" + escape(owner)) }
            case 2: if let segment = segments.randomElement(using: &random) { parts.append("segment=" + escape(segment)) }
            case 3: if let name = names.randomElement(using: &random) { parts.append("q=" + escape(String(name.prefix(5)).lowercased())) }
            default: break
            }
            // Mostly the first pages, sometimes deep ones.
            let page = index % 4 == 0 ? Int.random(in: 0..<max(1, accounts / 50), using: &random) : Int.random(in: 0..<5, using: &random)
            if page > 0 { parts.append("offset=\(page * 50)") }
            return "/accounts" + (parts.isEmpty ? "" : "?" + parts.joined(separator: "&"))
        }
    }
}

/// The release `healthscore serve`, as its own process.
final class ServerProcess {
    let process = Process()
    var pid: Int32 { process.processIdentifier }

    init(binary: String, store: String, port: Int, log: String) throws {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--store", store, "--port", String(port)]
        process.standardError = FileHandle(forWritingAtPath: log)
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        for _ in 0..<600 {
            if (try? ServerProcess.get(port: port, path: "/api/openapi.json")) == 200 { return }
            usleep(100_000)
        }
        process.terminate()
        throw ValidationError("the server did not answer on port \(port) within a minute; see \(log)")
    }

    /// The server's own memory: its anonymous resident pages (RssAnon). The store's file,
    /// which SQLite reads through a memory map, also shows in VmRSS, but those pages are
    /// the page cache's, shared and given back under pressure; they are not what grows.
    var residentBytes: Int {
        for line in procFile("/proc/\(pid)/status").split(separator: "\n") where line.hasPrefix("RssAnon:") {
            return (Int(line.dropFirst(8).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") ?? 0) * 1024
        }
        return 0
    }

    func stop() {
        guard process.isRunning else { return }
        kill(pid, SIGTERM)
        process.waitUntilExit()
    }

    /// The status of one GET.
    static func get(port: Int, path: String) throws -> Int {
        try RawHTTP.send(port: port, method: "GET", path: path, headers: [:]).status
    }
}

/// One wrk run over a list of addresses, each connection taking them in turn from a random start.
struct Wrk {
    let executable: String, port: Int, connections: Int, seconds: Int, paths: [String], script: String

    func run() throws -> WrkResult {
        let list = paths.map { "  \"\($0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"" }
        let lua = """
            local paths = {
            \(list.joined(separator: ",\n"))
            }
            local index = 0
            init = function(args) index = math.random(#paths) end
            request = function()
              index = index % #paths + 1
              return wrk.format("GET", paths[index])
            end
            """
        try Data(lua.utf8).write(to: URL(fileURLWithPath: script))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // One wrk thread: the machine has two cores, and the server should have most of them.
        process.arguments = ["-t", "1", "-c", String(connections), "-d", "\(seconds)s", "--latency", "--timeout", "5s",
                             "-s", script, "http://127.0.0.1:\(port)"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return try WrkResult(parsing: text)
    }
}

/// What wrk printed, in seconds and counts.
struct WrkResult {
    var requests = 0, perSecond = 0.0, p50 = 0.0, p90 = 0.0, p99 = 0.0, max = 0.0, errors = 0

    init(parsing text: String) throws {
        func seconds(_ token: Substring) -> Double {
            let units: [(String, Double)] = [("us", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60)]
            for (suffix, scale) in units where token.hasSuffix(suffix) {
                return (Double(token.dropLast(suffix.count)) ?? .nan) * scale
            }
            return .nan
        }
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = fields.first else { continue }
            switch first {
            case "50%": p50 = seconds(fields[1])
            case "90%": p90 = seconds(fields[1])
            case "99%": p99 = seconds(fields[1])
            case "Latency" where fields.count >= 4: max = seconds(fields[3])
            case "Requests/sec:": perSecond = Double(fields[1]) ?? 0
            case "Non-2xx": errors += Int(fields.last ?? "") ?? 0
            case "Socket":
                // Socket errors: connect 0, read 0, write 0, timeout 0
                errors += fields.compactMap { Int($0.trimmingCharacters(in: .punctuationCharacters)) }.reduce(0, +)
            default:
                if line.contains("requests in") { requests = Int(first) ?? 0 }
            }
        }
        guard requests > 0 else { throw ValidationError("wrk made no request:\n\(text)") }
    }
}

private func megabytes(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1e6) }
private func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
private func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
private func lpad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
