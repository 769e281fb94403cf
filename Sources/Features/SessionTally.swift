import Ingest
import Parallel

/// Session frequency and length per account as of T: counts in the recent and baseline
/// windows, the latest session, and the session lengths the medians need.
struct SessionTally: EventTally {
    let asOf: CalendarDay
    static var windowDays: Int { Windows.recentDays + Windows.baselineDays }
    static var keepsLatestDay: Bool { true }
    private(set) var recent: [Int32] = []
    private(set) var baseline: [Int32] = []
    /// Age in days of the latest session on or before T; `Int32.max` when there is none.
    private(set) var latestAge: [Int32] = []
    // Session lengths (seconds) inside the recent and baseline windows, for the medians,
    // in file order. Bounded by the sessions of 90 days, not by the whole history. Float
    // holds whole seconds exactly up to 16 million (six months), at half the memory.
    private var recentSeconds: [[Float]] = []
    private var baselineSeconds: [[Float]] = []

    init(asOf: CalendarDay, slots: Int = 0) {
        self.asOf = asOf
        recent = Array(repeating: 0, count: slots)
        baseline = Array(repeating: 0, count: slots)
        latestAge = Array(repeating: Int32.max, count: slots)
        recentSeconds = Array(repeating: [], count: slots)
        baselineSeconds = Array(repeating: [], count: slots)
    }

    mutating func add(slot: Int, _ event: SessionEvent) {
        guard let age = asOf.age(of: event.day) else { return }
        let seconds = Float(event.durationSeconds)
        // A session of unknown length (NaN) counts as a login but not in the medians.
        if age < Windows.recentDays {
            recent[slot] += 1
            if !seconds.isNaN { recentSeconds[slot].append(seconds) }
        } else if age < Windows.recentDays + Windows.baselineDays {
            baseline[slot] += 1
            if !seconds.isNaN { baselineSeconds[slot].append(seconds) }
        }
        if age < latestAge[slot] { latestAge[slot] = Int32(age) }
    }

    mutating func noteLatest(slot: Int, day: CalendarDay) {
        if let age = asOf.age(of: day), age < latestAge[slot] { latestAge[slot] = Int32(age) }
    }

    mutating func append(_ later: consuming SessionTally) {
        for slot in recent.indices {
            recent[slot] += later.recent[slot]
            baseline[slot] += later.baseline[slot]
            latestAge[slot] = min(latestAge[slot], later.latestAge[slot])
            recentSeconds[slot].appendPart(&later.recentSeconds[slot])
            baselineSeconds[slot].appendPart(&later.baselineSeconds[slot])
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
        recent.withUnsafeBufferPointer { recent in
        baseline.withUnsafeBufferPointer { baseline in
        latestAge.withUnsafeBufferPointer { latestAge in
        recentSeconds.withUnsafeMutableBufferPointer { recentSeconds in
        baselineSeconds.withUnsafeMutableBufferPointer { baselineSeconds in
        signals.withUnsafeMutableBufferPointer { signals in
            // Each task reads and writes its own slots only.
            let shared = SharedBuffers(recent: recent, baseline: baseline, latestAge: latestAge,
                                       recentSeconds: recentSeconds, baselineSeconds: baselineSeconds, signals: signals)
            concurrentChunks(count, of: SessionTally.slotsPerTask) { slots in
                for slot in slots { shared.write(slot) }
            }
        }}}}}}
    }

    /// The tally's columns and the signals, for the median tasks.
    private struct SharedBuffers: @unchecked Sendable {
        let recent: UnsafeBufferPointer<Int32>
        let baseline: UnsafeBufferPointer<Int32>
        let latestAge: UnsafeBufferPointer<Int32>
        let recentSeconds: UnsafeMutableBufferPointer<[Float]>
        let baselineSeconds: UnsafeMutableBufferPointer<[Float]>
        let signals: UnsafeMutableBufferPointer<AccountSignals>

        func write(_ slot: Int) {
            signals[slot].sessionsRecent = Int(recent[slot])
            signals[slot].sessionsBaseline = Int(baseline[slot])
            signals[slot].daysSinceLastSession = latestAge[slot] == Int32.max ? nil : Int(latestAge[slot])
            signals[slot].medianMinutesRecent = SessionTally.median(&recentSeconds[slot]).map { $0 / 60 }
            signals[slot].medianMinutesBaseline = SessionTally.median(&baselineSeconds[slot]).map { $0 / 60 }
            recentSeconds[slot] = []
            baselineSeconds[slot] = []
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
