import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on all cores over `0..<count` cut into consecutive ranges of `chunk`
/// indices (the last may be shorter): per-account work in tasks large enough that
/// starting one costs nothing next to it.
package func concurrentChunks(_ count: Int, of chunk: Int, _ body: @Sendable (Range<Int>) -> Void) {
    precondition(chunk > 0, "a chunk holds at least one index")
    guard count > 0 else { return }
    DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { task in
        let start = task * chunk
        body(start..<min(count, start + chunk))
    }
}

/// Processors online, at least 1: the threads a `concurrentPerform` runs on at once.
package var onlineCores: Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
