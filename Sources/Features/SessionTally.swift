import Dispatch
import Ingest

/// Session frequency and length per account as of T: counts in the recent and baseline
/// windows, the latest session, and the session lengths the medians need.
struct SessionTally: EventTally {
    let asOf: CalendarDay
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
        for _ in 0..<slots { addSlot() }
    }

    mutating func addSlot() {
        recent.append(0)
        baseline.append(0)
        latestAge.append(Int32.max)
        recentSeconds.append([])
        baselineSeconds.append([])
    }

    mutating func add(slot: Int, _ event: SessionEvent) {
        guard let age = asOf.age(of: event.day) else { return }
        let seconds = Float(event.durationSeconds)
        if age < Windows.recentDays {
            recent[slot] += 1
            recentSeconds[slot].append(seconds)
        } else if age < Windows.recentDays + Windows.baselineDays {
            baseline[slot] += 1
            baselineSeconds[slot].append(seconds)
        }
        if age < latestAge[slot] { latestAge[slot] = Int32(age) }
    }

    mutating func append(_ later: consuming SessionTally) {
        for slot in recent.indices {
            recent[slot] += later.recent[slot]
            baseline[slot] += later.baseline[slot]
            latestAge[slot] = min(latestAge[slot], later.latestAge[slot])
            SessionTally.append(&recentSeconds[slot], &later.recentSeconds[slot])
            SessionTally.append(&baselineSeconds[slot], &later.baselineSeconds[slot])
        }
    }

    /// Appends `later` to `values`, taking its storage when `values` is empty (the usual
    /// case: an export lists each account's rows together, so few accounts span parts).
    private static func append(_ values: inout [Float], _ later: inout [Float]) {
        if later.isEmpty { return }
        if values.isEmpty { swap(&values, &later) } else { values.append(contentsOf: later) }
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
        let tasks = (count + SessionTally.slotsPerTask - 1) / SessionTally.slotsPerTask
        recent.withUnsafeBufferPointer { recent in
        baseline.withUnsafeBufferPointer { baseline in
        latestAge.withUnsafeBufferPointer { latestAge in
        recentSeconds.withUnsafeMutableBufferPointer { recentSeconds in
        baselineSeconds.withUnsafeMutableBufferPointer { baselineSeconds in
        signals.withUnsafeMutableBufferPointer { signals in
            // Each task reads and writes its own slots only.
            let shared = SharedBuffers(recent: recent, baseline: baseline, latestAge: latestAge,
                                       recentSeconds: recentSeconds, baselineSeconds: baselineSeconds, signals: signals)
            DispatchQueue.concurrentPerform(iterations: tasks) { task in
                let start = task * SessionTally.slotsPerTask
                for slot in start..<min(count, start + SessionTally.slotsPerTask) { shared.write(slot) }
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

    /// The median (mean of the middle two for an even count); nil below the minimum count.
    ///
    /// Found by selection rather than a full sort: only the middle values are needed, and
    /// sorting was most of the time spent on features. Selection returns the same values
    /// as sorting, and the same bits too, except that it may pick 0 where the sort picks
    /// -0 (they compare equal); lengths holding a -0 are therefore sorted.
    static func median(_ values: inout [Float]) -> Double? {
        guard values.count >= Windows.minimumSessionsForMedian else { return nil }
        let middle = values.count / 2
        if values.contains(where: { $0 == 0 && $0.sign == .minus }) {
            values.sort()
        } else {
            values.withUnsafeMutableBufferPointer { select(middle, in: $0) }
            if values.count % 2 == 0 {
                // After selection everything before `middle` is at most values[middle]: the
                // largest of them is the lower middle value.
                let lower = values[..<middle].max()!
                return (Double(lower) + Double(values[middle])) / 2
            }
        }
        if values.count % 2 == 1 { return Double(values[middle]) }
        return (Double(values[middle - 1]) + Double(values[middle])) / 2
    }

    /// Rearranges `values` so that `values[k]` is the value a sort would put there, with
    /// nothing larger before it and nothing smaller after it (Hoare's selection, with the
    /// median of three as pivot; small ranges by insertion sort).
    static func select(_ k: Int, in values: UnsafeMutableBufferPointer<Float>) {
        var low = 0, high = values.count - 1
        while high - low > 16 {
            let mid = low + (high - low) / 2
            // Median of three to values[mid].
            if values[mid] < values[low] { values.swapAt(mid, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[mid] { values.swapAt(high, mid) }
            let pivot = values[mid]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while pivot < values[j] { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return }
        }
        // Insertion sort of the small range left.
        if low < high {
            for i in (low + 1)...high {
                let value = values[i]
                var j = i - 1
                while j >= low && value < values[j] { values[j + 1] = values[j]; j -= 1 }
                values[j + 1] = value
            }
        }
    }
}
