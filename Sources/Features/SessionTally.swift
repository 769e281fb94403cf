import Ingest
import Parallel

/// Session frequency and length per account as of T: counts in the recent and baseline
/// windows, the latest session, and the session lengths the medians need.
struct SessionTally: EventTally {
    let asOf: CalendarDay
    static var windowDays: Int { Windows.recentDays + Windows.baselineDays }
    static var keepsLatestDay: Bool { true }
    /// The per-account columns. A tally is moved from part to day (`take`), never copied
    /// and then added to twice: its columns are its own.
    private let columns: Columns

    init(asOf: CalendarDay, slots: Int = 0) {
        self.asOf = asOf
        columns = Columns(slots: slots)
    }

    mutating func add(slot: Int, _ event: SessionEvent) {
        guard let age = asOf.age(of: event.day) else { return }
        let seconds = Float(event.durationSeconds)
        // A session of unknown length (NaN) counts as a login but not in the medians.
        if age < Windows.recentDays {
            columns.recent[slot] += 1
            if !seconds.isNaN { columns.recentSeconds.append(seconds, to: slot) }
        } else if age < Windows.recentDays + Windows.baselineDays {
            columns.baseline[slot] += 1
            if !seconds.isNaN { columns.baselineSeconds.append(seconds, to: slot) }
        }
        if age < columns.latestAge[slot] { columns.latestAge[slot] = Int32(age) }
    }

    mutating func noteLatest(slot: Int, day: CalendarDay) {
        if let age = asOf.age(of: day), age < columns.latestAge[slot] { columns.latestAge[slot] = Int32(age) }
    }

    mutating func append(_ later: consuming SessionTally) {
        let (mine, theirs) = (columns, later.columns)
        precondition(mine.slotCount == theirs.slotCount, "tallies of the same accounts")
        for slot in 0..<mine.slotCount {
            mine.recent[slot] += theirs.recent[slot]
            mine.baseline[slot] += theirs.baseline[slot]
            mine.latestAge[slot] = min(mine.latestAge[slot], theirs.latestAge[slot])
        }
        mine.recentSeconds.append(theirs.recentSeconds)
        mine.baselineSeconds.append(theirs.baselineSeconds)
    }

    /// Counts in the recent and baseline windows, the age in days of the latest session on
    /// or before T (`Int32.max` when there is none), and the session lengths (seconds)
    /// inside each window for the medians, in file order: bounded by the sessions of 90
    /// days, not by the whole history, and Float holds whole seconds exactly up to 16
    /// million (six months), at half the memory.
    ///
    /// In memory of their own, written in place: as arrays of a tally kept in an array of
    /// tallies, every session checked the uniqueness of three or four arrays, each a call
    /// into the runtime (2.5% of the CPU samples of `train` with its defaults); and the
    /// lengths' own arrays checked theirs on every append (`ChunkLists` does not).
    private final class Columns: @unchecked Sendable {
        let slotCount: Int
        let recent: UnsafeMutablePointer<Int32>
        let baseline: UnsafeMutablePointer<Int32>
        let latestAge: UnsafeMutablePointer<Int32>
        let recentSeconds: ChunkLists<Float>
        let baselineSeconds: ChunkLists<Float>

        init(slots: Int) {
            slotCount = slots
            recent = .allocate(capacity: slots)
            recent.initialize(repeating: 0, count: slots)
            baseline = .allocate(capacity: slots)
            baseline.initialize(repeating: 0, count: slots)
            latestAge = .allocate(capacity: slots)
            latestAge.initialize(repeating: .max, count: slots)
            recentSeconds = ChunkLists<Float>(slotCount: slots)
            baselineSeconds = ChunkLists<Float>(slotCount: slots)
        }

        deinit {
            for column in [recent, baseline, latestAge] { column.deallocate() }
            recentSeconds.deallocate()
            baselineSeconds.deallocate()
        }
    }

    /// Accounts per task when computing medians on all cores.
    static let slotsPerTask = 2048

    /// Writes counts, recency and median lengths into the signals, releasing the lengths.
    ///
    /// Sorting the lengths for the medians is the largest step after reading (a few
    /// hundred milliseconds for 100 million sessions), and each account's median is its
    /// own, so accounts are shared out between cores; the result is the same either way.
    mutating func write(into signals: inout [AccountSignals]) {
        let count = signals.count
        let columns = self.columns
        precondition(columns.slotCount == count, "one account's signals per slot")
        signals.withUnsafeMutableBufferPointer { signals in
            // Each task reads and writes its own slots only.
            let shared = SharedBuffers(recent: UnsafeBufferPointer(start: columns.recent, count: count),
                                       baseline: UnsafeBufferPointer(start: columns.baseline, count: count),
                                       latestAge: UnsafeBufferPointer(start: columns.latestAge, count: count),
                                       recentSeconds: columns.recentSeconds,
                                       baselineSeconds: columns.baselineSeconds,
                                       signals: signals)
            concurrentChunks(count, of: SessionTally.slotsPerTask) { slots in
                for slot in slots { shared.write(slot) }
            }
        }
    }

    /// The tally's columns and the signals, for the median tasks.
    private struct SharedBuffers: @unchecked Sendable {
        let recent: UnsafeBufferPointer<Int32>
        let baseline: UnsafeBufferPointer<Int32>
        let latestAge: UnsafeBufferPointer<Int32>
        let recentSeconds: ChunkLists<Float>
        let baselineSeconds: ChunkLists<Float>
        let signals: UnsafeMutableBufferPointer<AccountSignals>

        func write(_ slot: Int) {
            signals[slot].sessionsRecent = Int(recent[slot])
            signals[slot].sessionsBaseline = Int(baseline[slot])
            signals[slot].daysSinceLastSession = latestAge[slot] == Int32.max ? nil : Int(latestAge[slot])
            let recentMedian = recentSeconds.withValues(of: slot) { SessionTally.median(in: $0) }
            let baselineMedian = baselineSeconds.withValues(of: slot) { SessionTally.median(in: $0) }
            signals[slot].medianMinutesRecent = recentMedian.map { $0 / 60 }
            signals[slot].medianMinutesBaseline = baselineMedian.map { $0 / 60 }
            recentSeconds.release(slot)
            baselineSeconds.release(slot)
        }
    }
}

extension SessionTally {
    /// The median session length of a window, nil below the minimum count of sessions.
    static func median(_ values: inout [Float]) -> Double? {
        values.withUnsafeMutableBufferPointer { median(in: $0) }
    }

    /// `median(_:)` for lengths in a buffer, which it reorders.
    static func median(in values: UnsafeMutableBufferPointer<Float>) -> Double? {
        guard values.count >= Windows.minimumSessionsForMedian else { return nil }
        return Median.of(in: values)
    }
}
