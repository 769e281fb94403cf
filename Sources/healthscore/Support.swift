import ArgumentParser
import Foundation
import Ingest
import Jobs

extension CalendarDay: ExpressibleByArgument {
    package init?(argument: String) { self.init(argument) }
}

/// A failure already explained in one line: printed as `error: ...`, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
    /// The library's error, with what to type instead when a flag would fix it (`Hints`).
    init(_ error: any Error) {
        let text = String(describing: error)
        self.description = Hints.hint(for: error).map { "\(text) (\($0))" } ?? text
    }
}

/// Runs a step and turns any error into a one-line `CommandFailure`.
func attempt<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let failure as CommandFailure { throw failure } catch { throw CommandFailure(error) }
}

/// Notes for the person at the terminal go to stderr, so stdout stays clean for pipes.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
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
