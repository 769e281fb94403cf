import Foundation

/// How many threads OpenBLAS may use, set per task rather than per process.
///
/// OpenBLAS splits every call over all cores and leaves its workers spinning in
/// `sched_yield` between calls. That pays on a large Gram matrix (a 1,000,000 x 21 fit:
/// 0.57 s on two threads, 0.63 s on one) and not on the designs of a training job (a
/// 40,000 x 11 fit: 14 ms either way), where the spinning worker took 13% of the CPU
/// and competed with the job's own threads. Fits below `threadedWork` therefore run their
/// BLAS calls on the calling thread, which also lets the penalty search run its folds on
/// every core at once.
///
/// Another BLAS (the reference one) has no threads and no such switch: then nothing
/// changes.
package enum BLASThreads {
    /// Rows x columns^2 (the multiply-adds of one Gram matrix) from which a second BLAS
    /// thread pays: at 200,000 x 21 (88 million) it saved 2%, at 1,000,000 x 21 10%.
    package static let threadedWork = 100_000_000

    /// Whether a design of this size should keep OpenBLAS's threads.
    package static func pays(rows: Int, columns: Int) -> Bool {
        rows.multipliedReportingOverflow(by: columns * columns).partialValue >= threadedWork
    }

    /// OpenBLAS's thread count now; nil with another BLAS.
    package static var current: Int32? { OpenBLAS.functions?.get() }

    /// Runs `body` with OpenBLAS on one thread. Scopes nest and may overlap across
    /// threads: the first to enter saves the thread count, the last to leave restores it.
    /// Changing the count while a threaded call runs is not safe in every OpenBLAS build,
    /// so the first scope waits for threaded fits (`forDesign`) to end.
    package static func single<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        guard let state else { return try body() }
        state.enterSingle()
        defer { state.leaveSingle() }
        return try body()
    }

    /// Runs `body` with one BLAS thread unless a design of this size pays for more. A
    /// large design that starts while a single-thread scope is open runs on one thread
    /// too, inside that scope, rather than change the count under it. A threaded `body`
    /// must not open a single-thread scope itself: that scope would wait for it.
    package static func forDesign<T, E: Error>(rows: Int, columns: Int, _ body: () throws(E) -> T) throws(E) -> T {
        guard let state, pays(rows: rows, columns: columns), state.enterThreaded() else { return try single(body) }
        defer { state.leaveThreaded() }
        return try body()
    }

    /// Open single-thread scopes, threaded fits running and the count to restore, under
    /// one condition lock.
    private final class State: @unchecked Sendable {
        private let functions: OpenBLAS
        private let condition = NSCondition()
        private var depth = 0
        private var threaded = 0
        private var saved: Int32 = 1
        /// The count from before `stopWorkers`, which threaded fits run with; nil while the
        /// workers were never stopped.
        private var stoppedCount: Int32?

        init(_ functions: OpenBLAS) { self.functions = functions }

        func enterSingle() {
            condition.withLock {
                // Another scope may open while this one waits: only the first saves the
                // count (a second would save the one already set, and nothing would
                // restore the first).
                while depth == 0 && threaded > 0 { condition.wait() }
                if depth == 0 {
                    // Setting the count starts stopped workers again, even to set it to
                    // one: it is set only when it is not one already.
                    saved = functions.get()
                    if saved != 1 { functions.set(1) }
                }
                depth += 1
            }
        }

        func leaveSingle() {
            condition.withLock {
                depth -= 1
                if depth == 0 && saved != 1 { functions.set(saved) }
            }
        }

        /// Counts a threaded fit in, starting stopped workers for the first; false while a
        /// single-thread scope is open.
        func enterThreaded() -> Bool {
            condition.withLock {
                guard depth == 0 else { return false }
                if threaded == 0, let stoppedCount {
                    _ = functions.startWorkers?()
                    functions.set(stoppedCount)
                }
                threaded += 1
                return true
            }
        }

        /// Counts a threaded fit out; the last one stops the workers again if they had been.
        func leaveThreaded() {
            condition.withLock {
                threaded -= 1
                if threaded == 0 {
                    if stoppedCount != nil { stop() }
                    condition.broadcast()
                }
            }
        }

        /// Stops the workers, leaving a count of one (`stopIdleWorkers`).
        func stopWorkers() {
            condition.withLock {
                guard depth == 0, threaded == 0, functions.stopWorkers != nil else { return }
                if stoppedCount == nil { stoppedCount = functions.get() }
                stop()
            }
        }

        private func stop() {
            functions.set(1)
            _ = functions.stopWorkers?()
        }
    }

    /// Nil without OpenBLAS: then there is nothing to switch.
    private static let state = OpenBLAS.functions.map(State.init)

    /// Stops OpenBLAS's worker threads until a fit large enough to pay for them starts
    /// them again (`forDesign`), with OpenBLAS's own `blas_thread_shutdown_` (what it does
    /// before a fork) and `blas_thread_init`.
    ///
    /// OpenBLAS starts its workers when it loads, before `main`, and each spins in
    /// `sched_yield` for about a tenth of a second before it sleeps: on two cores, time
    /// taken from the threads reading the first file. Call it first in `main`.
    ///
    /// The count is left at one, and only a threaded fit sets it back (and stops the
    /// workers again when it ends): setting the count, even to one, starts stopped
    /// workers, and a penalty search whose single-thread scope did so had a worker
    /// spinning beside its two threads for most of its 0.13 s.
    package static func stopIdleWorkers() {
        state?.stopWorkers()
    }

    /// OpenBLAS's `openblas_get_num_threads` and `openblas_set_num_threads`, looked up in the
    /// process rather than linked, so that any BLAS the system provides still works.
    private struct OpenBLAS: Sendable {
        let get: @convention(c) () -> Int32
        let set: @convention(c) (Int32) -> Void
        /// `blas_thread_init` and `blas_thread_shutdown_` of OpenBLAS's pthreads build.
        let startWorkers: (@convention(c) () -> Int32)?
        let stopWorkers: (@convention(c) () -> Int32)?

        static let functions: OpenBLAS? = {
            guard let handle = dlopen(nil, RTLD_NOW),
                  let get = dlsym(handle, "openblas_get_num_threads"),
                  let set = dlsym(handle, "openblas_set_num_threads") else { return nil }
            typealias Call = @convention(c) () -> Int32
            let start = dlsym(handle, "blas_thread_init"), stop = dlsym(handle, "blas_thread_shutdown_")
            return OpenBLAS(get: unsafeBitCast(get, to: (@convention(c) () -> Int32).self),
                            set: unsafeBitCast(set, to: (@convention(c) (Int32) -> Void).self),
                            startWorkers: start.map { unsafeBitCast($0, to: Call.self) },
                            stopWorkers: stop.map { unsafeBitCast($0, to: Call.self) })
        }()
    }
}
