/// The rows of one event file as they stand, checked exactly as reading checks them: for
/// copying a folder of exports somewhere else (a database) rather than folding it into
/// snapshots.
///
/// Every row goes through the same steps as `PartitionedRead`'s row loop: the field count
/// against the header, the timestamp and its bounds, a damaged account id, `RowRules` (so an
/// empty account id always fails and strict reading refuses unknown accounts and rows dated
/// before their account started, at the same line with the same message) and the file's
/// decoder for the value, through the folder's mapping (file and column names, date format,
/// unit), with errors naming the export's file and columns. A row is kept
/// whole: its instant (not only its day), its raw account id when accounts.csv does not
/// have it, and the optional `user_id` / `channel` cells.
///
/// One difference, since the row is kept: a row for an unknown account has its value
/// checked too, where reading skips it unchecked (a kept row must hold a valid value).
///
/// Read sequentially, one row per `next()`; the row's cells stay valid until the next call.
package final class EventRows {
    package let file: EventFile
    /// Data rows read so far, and the skippable ones among them (as reading counts them).
    package private(set) var report: EventFileReport
    private let reader: CSVReader
    private let layout: ColumnLayout
    private let idColumn: Int
    private let timeColumn: Int
    private let valueColumn: Int
    private let extraColumn: Int?
    private let folder: DatasetFolder
    private let mapping: FileMapping
    /// The export's file name (the mapping's, or the usual one).
    private let fileName: String
    private var rules: RowRules
    /// The file's decoder, for the value column.
    private let decode: (CSVRecord, Int32, CalendarDay) throws(InputError) -> Value

    // The current row.
    /// The line the row starts on.
    package private(set) var line = 0
    /// The account's position in accounts.csv, nil when it does not have the id.
    package private(set) var account: Int32?
    /// The instant, in seconds since 1970-01-01T00:00:00Z (fractions of a second dropped;
    /// the day's start when the mapping's date format has no time).
    package private(set) var seconds: Int64 = 0
    package private(set) var value = Value.rating(0)
    private var idBytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var extraBytes: UnsafeBufferPointer<UInt8>?

    /// The value column of a row, typed and checked.
    package enum Value: Equatable {
        case duration(Double)
        case score(Int)
        case kind(MarketingEventKind)
        case rating(Int)
    }

    /// The optional column each file may carry besides its required ones.
    package static func extraColumn(of file: EventFile) -> String? {
        switch file {
        case .sessions, .nps: "user_id"
        case .interactions: "channel"
        case .marketing: nil
        }
    }

    /// Opens the file and checks its header; nil when the folder does not have the file.
    package init?(_ folder: DatasetFolder, file: EventFile) throws(InputError) {
        guard folder.has(file) else { return nil }
        self.file = file
        self.folder = folder
        let mapping = folder.mapping.file(file)
        self.mapping = mapping
        fileName = folder.mapping.fileName(file)
        reader = try CSVReader(path: DatasetFolder.join(folder.path, fileName), displayName: fileName)
        let value = EventRows.valueColumn(of: file)
        let extra = EventRows.extraColumn(of: file)
        let layout = try ColumnLayout(reading: reader, required: ["account_id", file.timeColumn, value],
                                      optional: extra.map { [$0] } ?? [], renames: mapping.columns)
        self.layout = layout
        idColumn = layout["account_id"]!
        timeColumn = layout[file.timeColumn]!
        valueColumn = layout[value]!
        extraColumn = extra.flatMap { layout[$0] }
        rules = RowRules(strict: folder.strict, startDays: folder.accountIndex.startDays)
        report = EventFileReport(file: file)
        decode = EventRows.decoder(file, layout, mapping)
    }

    /// Reads the next row; false at the end of the file.
    package func next() throws(InputError) -> Bool {
        do throws(InputError) {
            return try readRow()
        } catch {
            throw mapping.localize(error, fileName: fileName)
        }
    }

    private func readRow() throws(InputError) -> Bool {
        guard let record = try reader.nextRecord() else { return false }
        try layout.check(record)
        report.rows += 1
        line = record.line
        if let dateFormat = mapping.dateFormat {
            guard let day = dateFormat.day(record[timeColumn]) else {
                throw InputError(file: fileName, line: record.line, column: file.timeColumn,
                                 problem: "'\(record.string(timeColumn))' is not a timestamp", hint: mapping.dateHint)
            }
            seconds = Int64(day.daysSinceEpoch) * 86_400
        } else {
            seconds = try Fields.timestampSeconds(record, timeColumn, file: fileName, column: file.timeColumn)
        }
        let day = CalendarDay(unixSeconds: seconds)
        if let error = DateBounds.error(day, file: fileName, line: record.line, column: file.timeColumn) { throw error }
        idBytes = trimmedFast(record[idColumn])
        let position = folder.accountIndex.position(of: idBytes) ?? folder.unicodePosition(of: idBytes)
        if position == nil, let error = InputHygiene.damagedAccountID(idBytes, file: fileName, line: record.line) {
            throw error
        }
        let unknownBefore = rules.unknownAccountRows, beforeStartBefore = rules.beforeStartRows
        switch try rules.admit(position, id: idBytes, day: day, file: file, line: record.line) {
        case .use(let found), .checkOnly(let found): account = found
        case .skip: account = nil
        }
        report.unknownAccountRows += rules.unknownAccountRows - unknownBefore
        report.beforeStartRows += rules.beforeStartRows - beforeStartBefore
        value = try decode(record, account ?? -1, day)
        extraBytes = extraColumn.map { record[$0] }
        return true
    }

    /// The current row's account id: the accounts table's own spelling when the account is
    /// known, the cell without its surrounding spaces otherwise.
    package func withAccountID<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard let account else { return body(idBytes) }
        var id = folder.accounts.accounts[Int(account)].id
        return id.withUTF8(body)
    }

    /// The current row's `user_id` or `channel` cell; nil when the file has no such column.
    package var extra: UnsafeBufferPointer<UInt8>? { extraBytes }

    private static func decoder(_ file: EventFile, _ layout: ColumnLayout, _ mapping: FileMapping)
        -> (CSVRecord, Int32, CalendarDay) throws(InputError) -> Value {
        switch file {
        case .sessions:
            let decoder = SessionDecoder(layout: layout, mapping: mapping)
            return { (record, account, day) throws(InputError) in .duration(try decoder.decode(record, account: account, day: day).durationSeconds) }
        case .nps:
            let decoder = NPSDecoder(layout: layout, mapping: mapping)
            return { (record, account, day) throws(InputError) in .score(try decoder.decode(record, account: account, day: day).score) }
        case .marketing:
            let decoder = MarketingDecoder(layout: layout, mapping: mapping)
            return { (record, account, day) throws(InputError) in .kind(try decoder.decode(record, account: account, day: day).kind) }
        case .interactions:
            let decoder = InteractionDecoder(layout: layout, mapping: mapping)
            return { (record, account, day) throws(InputError) in .rating(try decoder.decode(record, account: account, day: day).rating) }
        }
    }

    private static func valueColumn(of file: EventFile) -> String {
        switch file {
        case .sessions: SessionDecoder.valueColumns[0]
        case .nps: NPSDecoder.valueColumns[0]
        case .marketing: MarketingDecoder.valueColumns[0]
        case .interactions: InteractionDecoder.valueColumns[0]
        }
    }
}
