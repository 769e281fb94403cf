import ArgumentParser
import Foundation
import Ingest

extension CalendarDay: ExpressibleByArgument {
    package init?(argument: String) { self.init(argument) }
}

/// A failure already explained in one line: printed as `error: ...`, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
    init(_ error: any Error) { self.description = String(describing: error) }
}

/// Runs a step and turns any error into a one-line `CommandFailure`.
func attempt<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let failure as CommandFailure { throw failure } catch { throw CommandFailure(error) }
}

/// Notes for the person at the terminal go to stderr, so stdout stays clean for pipes.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Creates the folder of `path` when it is missing (for default output locations).
func ensureParentFolder(of path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    guard !folder.isEmpty else { return }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
}

/// Options shared by commands that read a dataset folder.
struct DatasetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dataset folder with accounts.csv and the event files.", valueName: "dir"))
    var data: String

    @Flag(help: "Stop at the first event for an unknown account or dated before its account started, instead of skipping and counting such rows.")
    var strict = false

    func open() throws -> DatasetFolder {
        var folder = try attempt { try DatasetFolder(path: data, strict: strict) }
        // How far a long read has got, on stderr, only when a person is watching.
        folder.progress = ReadProgress.onTerminal()
        return folder
    }
}

func formatMoney(_ value: Double) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.maximumFractionDigits = 0
    return formatter.string(from: NSNumber(value: value)) ?? String(format: "%.0f", value)
}

func percent(_ value: Double, decimals: Int = 1) -> String {
    String(format: "%.\(decimals)f%%", 100 * value)
}
