import Dispatch
import Parallel

/// Reads `accounts.csv` on several threads, with the table, the errors and the rows set
/// aside that one reader gives.
///
/// The rows are cut into byte ranges, one per thread, as `PartitionedRead` cuts event
/// files; each range's rows are parsed and checked on their own. Only the duplicate check
/// needs every earlier id, so it runs after, over the ids in file order
/// (`AccountIDCheck`), while the ranges' accounts are put together. Read row by row on
/// one thread, 200,000 accounts took 122 ms, a fifth of it waiting on the index's memory
/// between rows; this way 58 ms. A range that does not start at a record (a quoted field
/// with a line break across its start) sends the whole file to one reader.
struct AccountsRead {
    let path: String
    /// The export's file name, for messages.
    let displayName: String
    let mapping: FileMapping
    /// Where rows with a problem go; nil when they stop the read.
    let rejects: RejectedRows?

    /// One range's rows, checked but for duplicates.
    struct Part {
        var accounts: [Account] = []
        /// What the duplicate check needs of each account.
        var ids = PartIDs()
        /// The rows with a problem: the first `ProblemLog.limit` (all when rows are set
        /// aside), and how many in all.
        var failures: [Failure] = []
        var failureCount = 0
        /// File offsets where the range's records start and end, and the line after its last
        /// record (counted from 0 for every range but the first).
        var start = 0
        var end = 0
        var endLine = 0
        /// A problem of the file itself, which ends the read.
        var error: InputError?
    }

    /// What the duplicate check needs of a range's accounts, kept apart from the accounts so
    /// that the check runs while the ranges' accounts are put together.
    struct PartIDs: Sendable {
        var keys: [AccountIndex.Key] = []
        /// The bytes of the ids longer than a key holds (16), one after the other.
        var longIDs: [UInt8] = []
        var startDays: [Int32] = []
        /// The line of each account.
        var lines: [Int] = []
        /// Where each account's record starts in the file, kept only when rows are set aside:
        /// a duplicate is set aside with its fields as read, read again from there.
        var offsets: [Int] = []
        /// Whether an id read (or refused after it) holds a byte outside ASCII: ids are then
        /// checked for duplicates as strings.
        var hasUnicodeIDs = false

        mutating func reserveCapacity(_ rows: Int) {
            keys.reserveCapacity(rows)
            startDays.reserveCapacity(rows)
            lines.reserveCapacity(rows)
        }

        mutating func append(_ account: Account, line: Int, offset: Int?) {
            var id = account.id
            id.withUTF8 { bytes in
                let key = AccountIndex.Key(bytes)
                keys.append(key)
                if key.count > 16 { longIDs.append(contentsOf: bytes) }
                if !hasUnicodeIDs && !isASCII(bytes) { hasUnicodeIDs = true }
            }
            startDays.append(account.startedOn.daysSinceEpoch)
            lines.append(line)
            if let offset { offsets.append(offset) }
        }
    }

    /// A row with a problem. `id` is its account id when the id itself was fine: an id seen
    /// on an earlier row makes the row a duplicate, which is the problem named, as a reader
    /// checking row by row names it.
    struct Failure {
        var line: Int
        var error: InputError
        var id: String?
        /// The fields as read, when rows are set aside.
        var fields: [String]?
    }

    /// Reads the file in at most `workers` ranges of at least `minimumPartBytes` each.
    func run(workers: Int, minimumPartBytes: Int) throws(InputError) -> AccountTable {
        let reader = try CSVReader(path: path, displayName: displayName)
        let layout = try header(reader)
        let rowsStart = reader.offset
        let size = max(rowsStart, fileSize(path) ?? 0)
        let bounds = RowRanges.bounds(rowsStart: rowsStart, fileSize: size, workers: workers,
                                      minimumBytes: minimumPartBytes)
        let count = bounds.count - 1
        guard count > 1 else { return try readWhole(reader, layout: layout, bytes: size - rowsStart) }
        // The header's reader goes on as the first range's.
        reader.endRange(at: bounds[1])
        let parts = TaskSlots(count: count) { _ in Part() }
        // Only the first range's thread touches the header's reader.
        let shared = UncheckedSendable((self, layout, reader))
        DispatchQueue.concurrentPerform(iterations: count) { part in
            let (read, layout, first) = shared.value
            // The first range has room for every row: the others' accounts join it (`checked`).
            let bytes = part == 0 ? size - rowsStart : bounds[part + 1] - bounds[part]
            parts[part] = read.readPart(layout: layout, bytes: bytes) { () throws(InputError) -> CSVReader in
                part == 0 ? first : try CSVReader(path: read.path, displayName: read.displayName,
                                                  range: bounds[part]..<bounds[part + 1], startsAtRecord: false,
                                                  firstLine: 0)
            }
        }
        var read = parts.takeAll()
        if let table = try merge(&read) { return table }
        // A quoted field with a line break across a range's start: read again in one range.
        let again = try CSVReader(path: path, displayName: displayName)
        _ = try header(again)
        return try readWhole(again, layout: layout, bytes: size - rowsStart)
    }

    /// The rows after the header `reader` has read, in one range.
    private func readWhole(_ reader: CSVReader, layout: ColumnLayout, bytes: Int) throws(InputError) -> AccountTable {
        var read = [readPart(layout: layout, bytes: bytes) { () throws(InputError) -> CSVReader in reader }]
        return try merge(&read)!
    }

    private func header(_ reader: CSVReader) throws(InputError) -> ColumnLayout {
        try ColumnLayout(reading: reader, required: AccountTable.required, optional: AccountTable.optional,
                         renames: mapping.columns)
    }

    /// Parses and checks the rows of one range, all but the duplicate check, with room for
    /// the rows of `bytes` bytes.
    private func readPart(layout: ColumnLayout, bytes: Int, open: () throws(InputError) -> CSVReader) -> Part {
        var part = Part()
        let columns = AccountTable.Columns(layout)
        let keepsAll = rejects != nil
        do throws(InputError) {
            let reader = try open()
            part.start = reader.offset
            // Room for about as many rows as `bytes` hold at 40 bytes a row (an id, a start
            // date and little else; the sample's rows take 70): growing from empty copied the
            // accounts again at each doubling.
            let expected = min(max(0, bytes) / 40, 10_000_000)
            part.accounts.reserveCapacity(expected)
            part.ids.reserveCapacity(expected)
            while true {
                let offset = reader.offset
                guard let record = try reader.nextRecord() else { break }
                var id: String?
                do throws(InputError) {
                    let account = try AccountTable.account(record, layout: layout, columns: columns,
                                                           file: reader.fileName, mapping: mapping, id: &id)
                    part.accounts.append(account)
                    part.ids.append(account, line: record.line, offset: keepsAll ? offset : nil)
                } catch {
                    if let id, !isASCII(id) { part.ids.hasUnicodeIDs = true }
                    part.failureCount += 1
                    if keepsAll || part.failures.count < ProblemLog.limit {
                        let error = mapping.localize(error, fileName: displayName)
                        part.failures.append(Failure(line: record.line, error: error, id: id,
                                                     fields: keepsAll ? record.fields : nil))
                    }
                }
            }
            part.end = reader.offset
            part.endLine = reader.currentLine
        } catch {
            part.error = error
        }
        return part
    }

    /// The parts in file order, checked for duplicate ids; nil when a part did not start
    /// where the one before it ended. The parts' accounts are moved out.
    private func merge(_ parts: inout [Part]) throws(InputError) -> AccountTable? {
        var failures: [Failure] = []
        var failureCount = 0
        // Per part, what its lines (counted from 0 after the first) need to be file lines.
        var shifts: [Int] = []
        var lineBase = 0
        for (index, part) in parts.enumerated() {
            if index > 0 && part.start != parts[index - 1].end { return nil }
            let shift = index > 0 ? lineBase : 0
            if var error = part.error {
                // A problem of the file itself (a quote never closed, a record past the
                // limit) ends the read with that problem alone, as one reader ends it.
                error.line = error.line.map { $0 + shift }
                throw error
            }
            shifts.append(shift)
            failures += part.failures.map { shifted($0, by: shift) }
            failureCount += part.failureCount
            lineBase = index == 0 ? part.endLine : lineBase + part.endLine
        }
        var lines: [Int] = []
        var offsets: [Int] = []
        for (index, part) in parts.enumerated() {
            lines += index == 0 ? part.ids.lines : part.ids.lines.map { $0 + shifts[index] }
            offsets += part.ids.offsets
        }
        let hasUnicodeIDs = parts.contains(where: \.ids.hasUnicodeIDs)
        let (joined, check) = checked(&parts, lines: lines, byString: hasUnicodeIDs)
        var accounts = joined
        // Rows with a problem are named duplicates when a row before them has their id.
        for index in failures.indices { check.recheck(&failures[index], file: displayName, mapping: mapping) }
        // The duplicates join the other problems, in file order; set aside, with their fields
        // as read.
        let fields = rejects == nil ? [] : try self.fields(at: check.duplicates.map { offsets[$0.row] })
        var dropped: [Failure] = []
        for (index, (row, firstLine)) in check.duplicates.enumerated() {
            let duplicate = AccountTable.duplicate(accounts[row].id, line: lines[row], firstLine: firstLine)
            dropped.append(Failure(line: lines[row], error: mapping.localize(duplicate, fileName: displayName),
                                   id: accounts[row].id, fields: rejects == nil ? nil : fields[index]))
        }
        if !dropped.isEmpty {
            var keep = [Bool](repeating: true, count: accounts.count)
            for (row, _) in check.duplicates { keep[row] = false }
            accounts = accounts.indices.filter { keep[$0] }.map { accounts[$0] }
            failures = (failures + dropped).sorted { $0.line < $1.line }
        }
        if let rejects {
            rejects.add(failures.map {
                RejectedRow(file: displayName, line: $0.line, column: $0.error.column, reason: $0.error.problem,
                            fields: $0.fields ?? [])
            })
        } else if failureCount + dropped.count > 0 {
            var problems = ProblemLog()
            for failure in failures { problems.add(failure.error) }
            problems.countMore(failureCount + dropped.count - failures.count)
            throw problems.error!
        }
        return AccountTable(accounts, index: check.index(for: accounts), hasUnicodeIDs: hasUnicodeIDs)
    }

    /// The parts' accounts in one array, and their ids checked for duplicates in file order.
    ///
    /// By bytes, the two run at once: the check reads only the parts' ids, while the first
    /// part's accounts, with room for all (`readPart`), take the others'. For 200,000
    /// accounts, one after the other they took 12 and 25 ms. As strings, the check reads the
    /// accounts, after.
    private func checked(_ parts: inout [Part], lines: [Int], byString: Bool) -> ([Account], AccountIDCheck) {
        let ids = parts.map(\.ids)
        let lists = TaskSlots(count: parts.count) { index in
            var accounts: [Account] = []
            swap(&accounts, &parts[index].accounts)
            return accounts
        }
        let joined = TaskSlots(count: 1) { _ in [Account]() }
        @Sendable func join() {
            var accounts: [Account] = []
            swap(&accounts, &lists[0])
            for index in 1..<lists.count {
                accounts += lists[index]
                lists[index] = []
            }
            joined[0] = accounts
        }
        let total = lines.count
        if byString {
            join()
            let accounts = joined.takeAll()[0]
            return (accounts, AccountIDCheck(strings: accounts, lines: lines))
        }
        let check = TaskSlots(count: 1) { _ in AccountIDCheck(capacity: total) }
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            if task == 0 { join() } else { check[0].add(ids, lines: lines) }
        }
        return (joined.takeAll()[0], check.takeAll()[0])
    }

    private func shifted(_ failure: Failure, by lines: Int) -> Failure {
        var failure = failure
        failure.line += lines
        failure.error.line = failure.error.line.map { $0 + lines }
        return failure
    }

    /// The fields of the records at `offsets` (in file order), read again in one pass:
    /// duplicates, set aside.
    private func fields(at offsets: [Int]) throws(InputError) -> [[String]] {
        guard let first = offsets.first else { return [] }
        let reader = try CSVReader(path: path, displayName: displayName, range: first..<Int.max,
                                   startsAtRecord: true, firstLine: 0)
        var fields: [[String]] = []
        for offset in offsets {
            // A file cut short since it was read ends the pass (the fields left are empty).
            while reader.offset < offset, try reader.nextRecord() != nil {}
            fields.append(reader.offset == offset ? try reader.nextRecord()?.fields ?? [] : [])
        }
        return fields
    }
}
