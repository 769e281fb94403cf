import Ingest
import Parallel

/// What one account's events add to its signals on one day: a part of `AccountSignals`.
protocol AccountResult: Sendable {
    init()
    /// Writes the part into the account's signals.
    func write(into signals: inout AccountSignals)
}

/// Per-account results of several days, made account by account from events kept once for
/// all the days (`SessionLog`, `EventLog`), then written into each day's signals.
///
/// Day after day, each day's in slot order (the order of its live accounts' positions), in
/// one buffer: the tasks that make them, a range of accounts each, write to every day at
/// once, which separate arrays per day would not let them do in place.
final class DayResults<Result: AccountResult>: DayResultsWriter, @unchecked Sendable {
    /// Where each day's slots start: day `d` holds `offsets[d]..<offsets[d + 1]`.
    let offsets: [Int]
    /// The account position of each slot, day after day.
    let positions: [Int32]
    /// The result of each slot; written once, by the task of the slot's account, before
    /// any day is read (the rule that makes this class Sendable).
    let results: UnsafeMutableBufferPointer<Result>

    init(positions days: [[Int32]]) {
        offsets = days.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        positions = Array(days.joined())
        results = .allocate(capacity: positions.count)
        results.initialize(repeating: Result())
    }

    deinit {
        results.deinitialize()
        results.deallocate()
    }

    func write(day: Int, into signals: inout [AccountSignals]) {
        for slot in signals.indices { results[offsets[day] + slot].write(into: &signals[slot]) }
    }
}

/// The events of one file kept once for many as-of days whose windows overlap
/// (`SessionLog`, `EventLog`): read in parts, one per thread, appended in file order like
/// tallies, then turned into every day's results at once.
protocol DayLog: Sendable {
    associatedtype Event: AccountEvent
    init(accounts: Int, plan: FoldPlan)
    /// Keeps one batch of a part's events.
    mutating func add(_ batch: UnsafeBufferPointer<Event>)
    /// Folds in the log of the part of the file that comes right after this one's.
    mutating func append(_ later: consuming Self)
    /// The days of the events read.
    var eventDays: EventDays { get }
    /// Each of `days`' results for the accounts live that day (`positions[d]`, in position
    /// order), once every part is appended.
    mutating func results(asOf days: [CalendarDay], positions: [[Int32]]) -> any DayResultsWriter
}

/// `DayResults` of any kind, for the builder that holds one per file read that way.
protocol DayResultsWriter: AnyObject, Sendable {
    /// Writes day `day`'s results into its accounts' signals, slot by slot.
    func write(day: Int, into signals: inout [AccountSignals])
}

extension DayResults {
    /// Makes the results on all cores: `task(accounts, &live)` for consecutive ranges of
    /// `LiveDays.accountsPerTask` accounts, writing `results[slot]` for the days and slots
    /// `live` gives its accounts. `days` are the as-of days of `positions`, in the same order.
    func fill(accounts: Int, days: [CalendarDay], _ task: @Sendable (Range<Int>, inout LiveDays) -> Void) {
        let order = days.indices.sorted { days[$0] < days[$1] }
        positions.withUnsafeBufferPointer { positions in
            let shared = UncheckedPositions(positions: positions)
            concurrentChunks(accounts, of: LiveDays.accountsPerTask) { range in
                var live = LiveDays(positions: shared.positions, offsets: offsets, order: order, from: range.lowerBound)
                task(range, &live)
            }
        }
    }

    /// The slots' positions, read by every task (and written by none).
    private struct UncheckedPositions: @unchecked Sendable {
        let positions: UnsafeBufferPointer<Int32>
    }
}

/// The days on which accounts are live and their slot on each, walked account by account in
/// increasing position, each account's days in date order (so that what is kept from day
/// to day, such as where a window starts, only moves forward).
struct LiveDays {
    private let positions: UnsafeBufferPointer<Int32>
    private let offsets: [Int]
    /// The days' indices in date order.
    private let order: [Int]
    /// Per day, in `order`, its next slot: consecutive accounts hold consecutive slots of
    /// each day, since each day lists its accounts in position order.
    private var next: [Int]

    /// Accounts per task of `DayResults.fill`: enough that a task's work dwarfs starting it.
    static let accountsPerTask = 2048

    init(positions: UnsafeBufferPointer<Int32>, offsets: [Int], order: [Int], from firstAccount: Int) {
        self.positions = positions
        self.offsets = offsets
        self.order = order
        next = order.map { day in
            // The first slot of the day whose account is `firstAccount` or later.
            var (low, high) = (offsets[day], offsets[day + 1])
            while low < high {
                let middle = (low + high) / 2
                if positions[middle] < Int32(firstAccount) { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// Calls `body(day, slot)` for each day `account` is live, in date order; accounts are
    /// asked in increasing order.
    @inline(__always)
    mutating func forEach(of account: Int, _ body: (_ day: Int, _ slot: Int) -> Void) {
        for (rank, day) in order.enumerated() {
            let slot = next[rank]
            guard slot < offsets[day + 1], positions[slot] == Int32(account) else { continue }
            next[rank] = slot + 1
            body(day, slot)
        }
    }
}
