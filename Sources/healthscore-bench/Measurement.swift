import Foundation

/// Wall-clock time since creation, from the monotonic clock.
struct Stopwatch {
    private let start = Stopwatch.now()

    var seconds: Double { Stopwatch.now() - start }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// Resident memory of this process, from /proc (Linux).
enum ResidentMemory {
    /// Sets the peak back to the current resident size, so the next `peakBytes` is the
    /// peak of what runs in between (Linux 4.0 and later; elsewhere the peak keeps rising).
    static func resetPeak() {
        guard let file = fopen("/proc/self/clear_refs", "w") else { return }
        fputs("5", file)
        fclose(file)
    }

    /// Hands memory the program has freed back to the system (glibc's `malloc_trim`,
    /// looked up at run time because its header is not part of the Glibc module).
    static func releaseFreedMemory() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        typealias Trim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }

    /// The peak resident size since the last reset (VmHWM), in bytes.
    static var peakBytes: Int { status("VmHWM:") }

    /// The resident size now (VmRSS), in bytes.
    static var currentBytes: Int { status("VmRSS:") }

    private static func status(_ key: String) -> Int {
        for line in procFile("/proc/self/status").split(separator: "\n") where line.hasPrefix(key) {
            let kilobytes = line.dropFirst(key.count).split(whereSeparator: { $0 == " " || $0 == "\t" })
                .first.flatMap { Int($0) } ?? 0
            return kilobytes * 1024
        }
        return 0
    }
}

/// The text of a /proc file. They report a size of 0, so they are read until the end
/// rather than by their size.
func procFile(_ path: String) -> String {
    guard let file = fopen(path, "r") else { return "" }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count <= 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// The size of a file in bytes, 0 when it is absent.
func fileBytes(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
}
