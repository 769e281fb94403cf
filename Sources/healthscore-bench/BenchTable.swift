import Foundation

/// One timed stage: what it processed, how long it took, the memory it needed.
struct StageResult {
    var group: String
    var stage: String
    var rows: Int
    var bytes: Int
    var seconds: Double
    var peakBytes: Int
}

/// The start of a stage: the clock, and the memory peak set back to the current size.
struct Lap {
    let stopwatch: Stopwatch
    init() {
        // Freed memory goes back to the system first, so the peak counts live memory and
        // not what earlier stages (or earlier runs of this one) left in the allocator.
        ResidentMemory.releaseFreedMemory()
        ResidentMemory.resetPeak()
        stopwatch = Stopwatch()
    }
}

/// The table the benchmark prints, filled stage by stage.
final class BenchTable {
    private(set) var results: [StageResult] = []
    /// Whether rows are printed as they are added (scratch tables of repeated runs are not).
    let printing: Bool

    init(printing: Bool = true) { self.printing = printing }

    /// Runs `body` `repeats` times on scratch tables and adds each stage's best run: the
    /// shortest time (the run least disturbed by anything else on the machine) and the
    /// largest peak memory. Returns the last run's value.
    func best<T>(of repeats: Int, _ body: (BenchTable) throws -> T) rethrows -> T {
        var runs: [[StageResult]] = []
        var value: T?
        for _ in 0..<max(1, repeats) {
            let scratch = BenchTable(printing: false)
            value = nil   // the last run's data is released before the next run measures memory
            value = try body(scratch)
            runs.append(scratch.results)
        }
        for (index, first) in runs[0].enumerated() {
            var best = first
            for run in runs.dropFirst() where index < run.count {
                best.seconds = min(best.seconds, run[index].seconds)
                best.peakBytes = max(best.peakBytes, run[index].peakBytes)
            }
            add(best)
        }
        return value!
    }

    /// Runs `body` as one stage: wall time, and the peak resident memory while it ran.
    func measure<T>(_ group: String, _ stage: String, rows: Int = 0, bytes: Int = 0,
                    _ body: () throws -> T) rethrows -> T {
        let lap = Lap()
        let value = try body()
        record(lap, group, stage, rows: rows, bytes: bytes)
        return value
    }

    /// Records a stage timed by `lap`, for stages whose counts are known only afterwards.
    func record(_ lap: Lap, _ group: String, _ stage: String, rows: Int = 0, bytes: Int = 0) {
        let seconds = lap.stopwatch.seconds
        add(StageResult(group: group, stage: stage, rows: rows, bytes: bytes, seconds: seconds,
                        peakBytes: ResidentMemory.peakBytes))
    }

    /// Adds a row computed elsewhere (a sum of stages).
    func add(_ result: StageResult) {
        results.append(result)
        if printing { printRow(result) }
    }

    /// Column widths; text columns are left-aligned, numbers right-aligned.
    private static let columns: [(title: String, width: Int, left: Bool)] = [
        ("size", 16, true), ("stage", 34, true), ("rows", 12, false), ("MB", 9, false),
        ("seconds", 9, false), ("MB/s", 7, false), ("rows/s", 13, false), ("peak RSS", 10, false),
    ]

    static func line(_ cells: [String]) -> String {
        zip(columns, cells).map { column, cell in
            let padding = String(repeating: " ", count: max(0, column.width - cell.count))
            return column.left ? cell + padding : padding + cell
        }.joined(separator: " ")
    }

    func printHeader() {
        let header = BenchTable.line(BenchTable.columns.map(\.title))
        print(header)
        print(String(repeating: "-", count: header.count))
    }

    private func printRow(_ r: StageResult) {
        let megabytes = Double(r.bytes) / 1e6
        print(BenchTable.line([
            r.group, r.stage,
            r.rows > 0 ? BenchTable.grouped(r.rows) : "",
            r.bytes > 0 ? String(format: "%.1f", megabytes) : "",
            String(format: "%.3f", r.seconds),
            r.bytes > 0 && r.seconds > 0 ? String(format: "%.0f", megabytes / r.seconds) : "",
            r.rows > 0 && r.seconds > 0 ? BenchTable.grouped(Int(Double(r.rows) / r.seconds)) : "",
            r.peakBytes > 0 ? String(format: "%.0f MB", Double(r.peakBytes) / 1e6) : "",
        ]))
        fflush(nil)   // stdout, so a long run shows each stage as it ends
    }

    /// 1234567 as "1,234,567".
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
