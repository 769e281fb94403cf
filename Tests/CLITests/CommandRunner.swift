import Foundation
import XCTest

/// Runs the built `healthscore` binary the way a user would.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

func healthscore(_ arguments: [String], in directory: String? = nil,
                 environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
    // swift test puts the test bundle next to the products it built.
    process.executableURL = Bundle.main.bundleURL.appendingPathComponent("healthscore")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting, so a chatty command cannot fill a pipe and stall.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
