import Foundation

/// How far the reading of an event file has got, as one line on stderr redrawn in place:
///
///     sessions.csv 42% (1.2 GB of 2.9 GB)
///
/// Meant for a person watching a long run: `onTerminal()` gives none when stderr is a pipe
/// or a file, so logs and scripts see nothing. Nothing is drawn for a file read in under
/// `interval`, and the line is cleared when the file is done, so only the wait is shown.
/// Safe to call from several reading threads at once.
package final class ReadProgress: @unchecked Sendable {
    /// Seconds between redraws; by default 0.25: four a second looks live and costs nothing.
    package let interval: Double

    private let lock = NSLock()
    private let write: @Sendable (String) -> Void
    // Guarded by `lock`.
    private var file = ""
    private var total = 0
    private var done = 0
    private var lastDraw = 0.0
    private var drawn = false

    /// A meter drawing on stderr when stderr is a terminal; nil otherwise.
    package static func onTerminal() -> ReadProgress? {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        return ReadProgress { text in FileHandle.standardError.write(Data(text.utf8)) }
    }

    /// A meter that hands each redraw (with its carriage return and clearing codes) to `write`.
    package init(interval: Double = 0.25, write: @escaping @Sendable (String) -> Void) {
        self.interval = interval
        self.write = write
    }

    func begin(_ file: String, bytes: Int) {
        lock.withLock {
            self.file = file
            total = bytes
            done = 0
            lastDraw = ReadProgress.now()
            drawn = false
        }
    }

    func advance(_ bytes: Int) {
        lock.withLock {
            done += bytes
            let now = ReadProgress.now()
            guard now - lastDraw >= interval else { return }
            lastDraw = now
            drawn = true
            write("\r\u{1B}[K" + ReadProgress.line(file: file, done: done, total: total))
        }
    }

    func end() {
        lock.withLock {
            if drawn { write("\r\u{1B}[K") }
            drawn = false
        }
    }

    /// `sessions.csv 42% (1.2 GB of 2.9 GB)`: gigabytes with one decimal from 1 GB up,
    /// whole megabytes below.
    static func line(file: String, done: Int, total: Int) -> String {
        let shown = min(done, total)
        let percent = total > 0 ? 100 * shown / total : 100
        let gigabytes = total >= 1_000_000_000
        func size(_ bytes: Int) -> String {
            gigabytes ? String(format: "%.1f GB", Double(bytes) / 1e9) : String(format: "%.0f MB", Double(bytes) / 1e6)
        }
        return "\(file) \(percent)% (\(size(shown)) of \(size(total)))"
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
