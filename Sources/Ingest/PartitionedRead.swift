import Dispatch
import Parallel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one event file with several threads, with the results a single reader gives.
///
/// The rows after the header are cut into `parts` byte ranges of about equal size, one per
/// thread. Each range is read by its own `CSVReader`, and its rows are checked, resolved
/// to their account and decoded exactly as a single reader would; the events go, in file
/// order, to an accumulator of the range's own (`deliver(part, events)`). The caller
/// merges the accumulators in range order, so the merged result is the one a single
/// reader gives, whatever the number of threads.
///
/// A range's reader starts after a line break, which is a record start unless it sits
/// inside a quoted field. Each start is therefore checked against where the previous
/// range's reader really stopped; if one is wrong, `run` answers `.misaligned` and the
/// caller reads the file again in one part. Errors are taken from the first range that
/// has one, with its line number counted from the start of the file, so the message is
/// the one a single reader would have stopped at.
struct PartitionedRead<Decoder: EventDecoder> {
    let dataset: DatasetFolder
    let path: String
    /// The export's file name (the mapping's, or the usual one).
    let fileName: String
    let mapping: FileMapping

    init(dataset: DatasetFolder) {
        self.dataset = dataset
        mapping = dataset.mapping.file(Decoder.file)
        fileName = dataset.mapping.fileName(Decoder.file)
        path = DatasetFolder.join(dataset.path, fileName)
    }

    /// What a plan needs from the header: where the rows start and which columns hold what.
    struct Plan {
        let layout: ColumnLayout
        let idColumn: Int
        let timeColumn: Int
        /// File offset and line of the first row.
        let rowsStart: Int
        let rowsLine: Int
        let fileSize: Int
        /// Range boundaries: part k covers `bounds[k]..<bounds[k + 1]`.
        let bounds: [Int]
        /// The reader of the header, at the first row: a plan in one part goes on with it,
        /// so a file that cannot be opened twice (a pipe) is read as before.
        let headerReader: CSVReader?

        var parts: Int { bounds.count - 1 }

        /// The same plan with everything in one part.
        var sequential: Plan {
            Plan(layout: layout, idColumn: idColumn, timeColumn: timeColumn, rowsStart: rowsStart,
                 rowsLine: rowsLine, fileSize: fileSize, bounds: [rowsStart, Int.max], headerReader: nil)
        }
    }

    enum Outcome {
        case read(EventFileReport)
        /// A range did not start at a record: read again with `plan.sequential`.
        case misaligned
    }

    /// Reads the header and splits the rest into at most `workers` parts of at least
    /// `minimumPartBytes` each.
    func plan(workers: Int, minimumPartBytes: Int) throws(InputError) -> Plan {
        let reader = try CSVReader(path: path, displayName: fileName)
        let layout = try ColumnLayout(reading: reader,
                                      required: ["account_id", Decoder.file.timeColumn] + Decoder.valueColumns,
                                      renames: mapping.columns)
        let rowsStart = reader.offset
        let size = max(rowsStart, fileSize(path) ?? 0)
        let bounds = RowRanges.bounds(rowsStart: rowsStart, fileSize: size, workers: workers,
                                      minimumBytes: minimumPartBytes)
        return Plan(layout: layout, idColumn: layout["account_id"]!, timeColumn: layout[Decoder.file.timeColumn]!,
                    rowsStart: rowsStart, rowsLine: reader.currentLine, fileSize: size, bounds: bounds,
                    headerReader: bounds.count == 2 ? reader : nil)
    }

    /// Reads every part of the plan, one thread per part; `deliver(part, events)` is
    /// called from one thread per part at a time, in file order within the part.
    ///
    /// A row with a problem does not stop the read: the problems of the whole file come
    /// back together as one error (the first `ProblemLog.limit`, in file order, and how
    /// many more), or, when the dataset sets rejected rows aside, the rows go there and the
    /// read succeeds. A problem of the file itself (a quote never closed) ends the read.
    func run(_ plan: Plan, deliver: (Int, UnsafeBufferPointer<Decoder.Event>) -> Void) throws(InputError) -> Outcome {
        // One result per part, each written by its part's thread.
        let results = TaskSlots(count: plan.parts) { _ in PartResult() }
        dataset.progress?.begin(fileName, bytes: plan.fileSize - plan.rowsStart)
        defer { dataset.progress?.end() }
        if plan.parts == 1 {
            results[0] = readPart(0, of: plan, deliver: deliver)
        } else {
            withoutActuallyEscaping(deliver) { deliver in
                // Each part's thread calls `deliver` for its own part only; a plan of several
                // parts has no header reader to share.
                let shared = UncheckedSendable((plan, deliver))
                DispatchQueue.concurrentPerform(iterations: plan.parts) { part in
                    results[part] = readPart(part, of: shared.value.0, deliver: shared.value.1)
                }
            }
        }
        // Check the parts in file order: each must start where the previous one ended,
        // and the first error found is the first error in the file.
        var report = EventFileReport(file: Decoder.file)
        var problems = ProblemLog()
        var rejected: [RejectedRow] = []
        var lineBase = 0   // the line where the current part starts, for parts counting from 0
        for part in 0..<plan.parts {
            let result = results[part]
            if part > 0 && result.start != results[part - 1].end { return .misaligned }
            let shift = part > 0 ? lineBase : 0
            var partProblems = result.problems
            partProblems.shiftLines(by: shift)
            problems.append(partProblems)
            rejected += result.rejected.map { row in var row = row; row.line += shift; return row }
            if var error = result.error {
                if let line = error.line { error.line = line + shift }
                problems.add(mapping.localize(error, fileName: fileName))
                throw problems.error!
            }
            lineBase = part == 0 ? result.endLine : lineBase + result.endLine
            report.rows += result.report.rows
            report.unknownAccountRows += result.rules.unknownAccountRows
            report.beforeStartRows += result.rules.beforeStartRows
        }
        if let error = problems.error { throw error }
        report.rejectedRows = rejected.count
        dataset.rejects?.add(rejected)
        return .read(report)
    }

    /// Events handed over per `deliver` call: 4,096 session events are 64 KiB, which stays
    /// in cache between decoding and folding, and the call costs nothing next to them.
    static var batchSize: Int { 4096 }

    /// How one part went.
    struct PartResult {
        /// File offsets where the part's records start and end.
        var start = 0
        var end = 0
        /// The line after the part's last record; counted from 0 for every part but the first.
        var endLine = 0
        var report = EventFileReport(file: Decoder.file)
        var rules = RowRules(strict: false, startDays: [])
        /// Rows with a problem, when they stop the read (nothing is set aside).
        var problems = ProblemLog()
        /// Rows with a problem, set aside.
        var rejected: [RejectedRow] = []
        /// A problem of the file itself, which ends the part.
        var error: InputError?
    }

    /// The row loop of one part: `RowRules` for every row.
    private func readPart(_ part: Int, of plan: Plan,
                          deliver: (Int, UnsafeBufferPointer<Decoder.Event>) -> Void) -> PartResult {
        var result = PartResult()
        let batch = UnsafeMutablePointer<Decoder.Event>.allocate(capacity: Self.batchSize)
        defer { batch.deallocate() }
        var count = 0
        do throws(InputError) {
            let reader: CSVReader
            if let headerReader = plan.headerReader {
                reader = headerReader
            } else {
                reader = try CSVReader(path: path, displayName: fileName, range: plan.bounds[part]..<plan.bounds[part + 1],
                                       startsAtRecord: part == 0, firstLine: part == 0 ? plan.rowsLine : 0)
            }
            result.start = reader.offset
            var reported = reader.offset
            var state = RowLoopState(decoder: Decoder(layout: plan.layout, mapping: mapping), dataset: dataset, plan: plan)
            func flush() {
                deliver(part, UnsafeBufferPointer(start: batch, count: count))
                batch.deinitialize(count: count)
                count = 0
                let offset = reader.offset
                dataset.progress?.advance(offset - reported)
                reported = offset
            }
            let dateFormat = mapping.dateFormat
            let bounds = DateBounds.range
            let setAside = dataset.rejects != nil
            // Plain rows first, a buffer at a time; any row these cannot take as it is goes
            // on to the general reader below, which checks it as before.
            let plain = dataset.readsPlainRows && dateFormat == nil
            while true {
                if plain, let (bytes, recordsStartBefore) = reader.peekBlock() {
                    let taken = state.takePlainRows(bytes, recordsStartBefore: recordsStartBefore, into: batch,
                                                    count: &count, capacity: Self.batchSize)
                    reader.skipLines(taken.lines, bytes: taken.bytes)
                    result.report.rows += taken.lines
                    if count == Self.batchSize { flush() }
                    if taken.lines > 0 { continue }
                }
                guard let record = try reader.nextRecord() else { break }
                result.report.rows += 1
                do throws(InputError) {
                    try plan.layout.check(record)
                    let parsed = dateFormat == nil ? state.days.day(record[plan.timeColumn]) : dateFormat!.day(record[plan.timeColumn])
                    guard let day = parsed else {
                        throw InputError(file: fileName, line: record.line, column: Decoder.file.timeColumn,
                                         problem: "'\(record.string(plan.timeColumn))' is not a timestamp",
                                         hint: mapping.dateHint)
                    }
                    if !bounds.contains(day.daysSinceEpoch),
                       let error = DateBounds.error(day, file: fileName, line: record.line, column: Decoder.file.timeColumn) {
                        throw error
                    }
                    let idBytes = trimmedFast(record[plan.idColumn])
                    let known = state.account(AccountIndex.Key(idBytes), idBytes)
                    if known == nil, let error = InputHygiene.damagedAccountID(idBytes, file: fileName, line: record.line) {
                        state.forgetLastAccount()
                        throw error
                    }
                    switch try state.rules.admit(known, id: idBytes, day: day, file: Decoder.file, line: record.line) {
                    case .skip:
                        continue
                    case .checkOnly(let account):
                        // Skipped, but its value is still checked, so a bad row fails the same way on every date.
                        _ = try state.decoder.decode(record, account: account, day: day)
                    case .use(let account):
                        (batch + count).initialize(to: try state.decoder.decode(record, account: account, day: day))
                        count += 1
                        if count == Self.batchSize { flush() }
                    }
                } catch {
                    let error = mapping.localize(error, fileName: fileName)
                    if setAside {
                        result.rejected.append(RejectedRow(file: fileName, line: record.line, column: error.column,
                                                           reason: error.problem, fields: record.fields))
                    } else {
                        result.problems.add(error)
                    }
                }
            }
            flush()
            result.rules = state.rules
            result.end = reader.offset
            result.endLine = reader.currentLine
        } catch {
            batch.deinitialize(count: count)
            result.error = error
        }
        return result
    }
}

/// Where the byte ranges of a file's rows start, one range per thread: event files
/// (`PartitionedRead`) and accounts.csv (`AccountsRead`) are cut the same way.
enum RowRanges {
    /// At most `workers` ranges of at least `minimumBytes` each over the rows from
    /// `rowsStart` to `fileSize`, and at least one: range k is `bounds[k]..<bounds[k + 1]`.
    /// The last runs to the end, whatever the file has grown to since.
    static func bounds(rowsStart: Int, fileSize: Int, workers: Int, minimumBytes: Int) -> [Int] {
        let rows = fileSize - rowsStart
        let count = max(1, min(workers, rows / max(1, minimumBytes)))
        return (0..<count).map { rowsStart + rows / count * $0 } + [Int.max]
    }
}

/// The size of a regular file, nil for anything else (a pipe cannot be split).
func fileSize(_ path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(info.st_size)
}
