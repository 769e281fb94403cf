import Foundation

/// What a program run by a test printed, and how it ended.
package struct ProgramRun: Sendable {
    package let status: Int32
    package let stdout: String
    package let stderr: String

    /// Runs `executable` to its end, stderr through a file so that neither stream can fill
    /// up and stall it. A run that hangs is stopped after `timeout` seconds (far above what
    /// the browsers and scripts the tests run take), so the suite cannot wait forever.
    package static func run(_ executable: String, _ arguments: [String], timeout: Double) throws -> ProgramRun {
        let errPath = NSTemporaryDirectory() + "healthscore-run-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        let stopper = DispatchSource.makeTimerSource()
        stopper.setEventHandler { if process.isRunning { process.terminate() } }
        stopper.schedule(deadline: .now() + timeout)
        stopper.resume()
        defer { stopper.cancel() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return ProgramRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self))
    }
}
