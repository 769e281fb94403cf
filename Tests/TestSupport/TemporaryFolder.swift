import Foundation

/// A fresh folder under the system temp directory, removed when the test ends.
package final class TemporaryFolder {
    package let path: String

    package init() {
        path = NSTemporaryDirectory() + "healthscore-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    package func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        try! Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    package func write(_ name: String, bytes: [UInt8]) -> String {
        let file = path + "/" + name
        try! Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }
}
