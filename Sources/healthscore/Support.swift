import ArgumentParser
import Foundation
import Ingest
import Jobs

extension CalendarDay: ExpressibleByArgument {
    package init?(argument: String) { self.init(argument) }
}

/// A failure already explained in one line (or, for the problems of an input file, one
/// line per problem): printed as `Error: ...`, exit status 1. Text from the data is
/// escaped for the terminal (`Terminal.escaped`).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = Terminal.escaped(description) }
    /// The library's error, with what to type instead when a flag would fix it (`Hints`):
    /// after its first line, so each further problem of a file keeps a line of its own.
    /// `error` itself when it is already a `CommandFailure`, else the failure explaining it.
    static func wrapping(_ error: any Error) -> CommandFailure {
        error as? CommandFailure ?? CommandFailure(error)
    }

    init(_ error: any Error) {
        var lines = (error as? InputError)?.lines ?? [String(describing: error)]
        if let hint = Hints.hint(for: error) { lines[0] += " (\(hint))" }
        self.description = lines.map(Terminal.escaped).joined(separator: "\n")
    }
}

/// Text on its way to a terminal: control characters (escape sequences, carriage returns,
/// bells, NUL) in names from the data are shown as `\u{1B}`, never sent raw, so a hostile
/// account name cannot move the cursor, recolour the screen or hide a line.
enum Terminal {
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 and C1 controls, DEL, and the Unicode line separators and bidirectional
    /// overrides that reorder or break what follows.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value)
            || value == 0x2028 || value == 0x2029 || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}

/// Runs a step and turns any error into a one-line `CommandFailure`.
func attempt<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw CommandFailure.wrapping(error) }
}

/// `attempt` for async steps.
func attempt<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch { throw CommandFailure.wrapping(error) }
}

/// Prints text that may hold names from the data, each line escaped (`Terminal.escaped`).
func say(_ text: String) {
    print(text.split(separator: "\n", omittingEmptySubsequences: false).map { Terminal.escaped(String($0)) }
        .joined(separator: "\n"))
}

/// Notes for the person at the terminal go to stderr, so stdout stays clean for pipes.
func note(_ text: String) {
    FileHandle.standardError.write(Data((Terminal.escaped(text) + "\n").utf8))
}

/// A job's notices, on stderr, each with its command-line hint when there is one.
func report(_ notices: [Notice]) {
    for notice in notices {
        let hint = Hints.hint(for: notice).map { " (\($0))" } ?? ""
        note(notice.isLeftOut ? "\(notice)\(hint)" : "note: \(notice)\(hint)")
    }
}

private extension Notice {
    var isLeftOut: Bool { if case .featureLeftOut = self { true } else { false } }
}

/// Creates the folder of `path` when it is missing (for default output locations).
func ensureParentFolder(of path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    guard !folder.isEmpty else { return }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
}

func percent(_ value: Double, decimals: Int = 1) -> String {
    String(format: "%.\(decimals)f%%", 100 * value)
}
