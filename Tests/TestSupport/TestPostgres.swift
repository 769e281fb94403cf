import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL server for the store tests, and a fresh schema on it per test.
///
/// With HEALTHSCORE_TEST_POSTGRES set (a `postgresql://` URL, as `.ci/run` sets it from
/// `scripts/postgres-for-tests`), that server is used. Otherwise a throwaway server is
/// started once per test process from the installed `postgresql` package (data folder
/// under the temp folder, loopback only, trust login), and stopped when the process
/// exits. Without PostgreSQL installed the tests fail, saying what to install, unless
/// HEALTHSCORE_SKIP_POSTGRES=1 asks to skip them.
package enum TestPostgres {
    /// A URL of a schema no other test uses.
    package static func freshStoreURL() throws -> String {
        let server = try serverURL()
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return server + (server.contains("?") ? "&" : "?") + "schema=" + schema
    }

    /// The server's URL (started on first use).
    package static func serverURL() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["HEALTHSCORE_TEST_POSTGRES"], !url.isEmpty { return url }
        if environment["HEALTHSCORE_SKIP_POSTGRES"] == "1" {
            throw XCTSkip("PostgreSQL tests skipped (HEALTHSCORE_SKIP_POSTGRES=1)")
        }
        switch started {
        case .success(let url): return url
        case .failure(let problem): throw problem
        }
    }

    package struct Problem: Error, CustomStringConvertible, Sendable {
        package let description: String
    }

    private static let started: Result<String, Problem> = Result { () throws(Problem) in try startServer() }

    /// A throwaway server of its own, besides the shared one (a shard of a sharded test),
    /// stopped when the process exits; fails when PostgreSQL is not installed.
    package static func startExtraServer() throws -> String {
        if ProcessInfo.processInfo.environment["HEALTHSCORE_SKIP_POSTGRES"] == "1" {
            throw XCTSkip("PostgreSQL tests skipped (HEALTHSCORE_SKIP_POSTGRES=1)")
        }
        return try startServer()
    }

    /// The running servers' binaries and data folders, for stopping them at exit.
    nonisolated(unsafe) private static var running: [(bin: String, data: String)] = []
    private static let lock = NSLock()

    private static func startServer() throws(Problem) -> String {
        guard let bin = binaries() else {
            throw Problem(description: "PostgreSQL is not installed: install the postgresql package (apt-get install postgresql), set HEALTHSCORE_TEST_POSTGRES to a server's URL, or set HEALTHSCORE_SKIP_POSTGRES=1 to skip these tests")
        }
        let data = NSTemporaryDirectory() + "healthscore-postgres-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let asRoot = getuid() == 0
        if asRoot {
            // The server refuses to run as root: it runs as `postgres`, which must own its folder.
            guard let user = getpwnam("postgres") else { throw Problem(description: "running as root, but there is no postgres user to run the server as") }
            chown(data, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        let port = freePort()
        try run(bin + "/initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], asPostgres: asRoot)
        try run(bin + "/pg_ctl", ["-D", data, "-l", data + "/server.log", "-w", "-o",
                                  "-c listen_addresses=127.0.0.1 -p \(port) -c unix_socket_directories=\(data) -c fsync=off",
                                  "start"], asPostgres: asRoot)
        let first = lock.withLock {
            running.append((bin, data))
            return running.count == 1
        }
        if first {
            atexit {
                for (bin, data) in TestPostgres.lock.withLock({ TestPostgres.running }) {
                    try? TestPostgres.run(bin + "/pg_ctl", ["-D", data, "-m", "immediate", "stop"], asPostgres: getuid() == 0)
                    try? FileManager.default.removeItem(atPath: data)
                }
            }
        }
        return "postgresql://postgres@127.0.0.1:\(port)/postgres?sslmode=disable"
    }

    /// The newest installed version's bin folder with initdb and pg_ctl.
    private static func binaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") && FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }
    }

    /// Runs a tool to its end, as the postgres user when asked. Spawned directly rather
    /// than through Foundation's Process, which waits for every inheritor of a descriptor
    /// it gives the child: the server that `pg_ctl start` leaves running is one.
    private static func run(_ tool: String, _ arguments: [String], asPostgres: Bool) throws(Problem) {
        let argv = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", tool] + arguments : [tool] + arguments
        let log = NSTemporaryDirectory() + "healthscore-postgres-" + UUID().uuidString + ".log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw Problem(description: "\(argv[0]) could not be started (error \(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        // Exited normally with status 0: WIFEXITED and WEXITSTATUS by hand (macros in C).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw Problem(description: "\(tool) \(arguments.joined(separator: " ")) failed:\n\(text)")
        }
    }

    /// A loopback port nothing listens on right now: the kernel's pick for port 0.
    private static func freePort() -> Int {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                _ = bind(socketDescriptor, raw, length)
                _ = getsockname(socketDescriptor, raw, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
