/// What one part's row loop carries from row to row (`PartitionedRead.readPart`): the
/// decoder, the rules, the day parser and the last account looked up, and the loop over
/// plain rows.
///
/// The plain-row loop is a function of its own so that it stays small: inside the whole
/// row loop, with the general reader's error handling beside it, the compiler kept
/// `LeadingLine.scan` as a call per row and its state on the stack.
struct RowLoopState<Decoder: EventDecoder> {
    let decoder: Decoder
    let dataset: DatasetFolder
    var rules: RowRules
    var days = EventDayParser()
    /// The last id looked up, and its account (nil when unknown).
    private var lastKey = AccountIndex.Key(UnsafeBufferPointer(start: nil, count: 0))
    private var lastAccount: Int32? = nil
    /// The id of the last row `LeadingLine` took, and its account.
    private var leadingId = AccountIndex.Key(UnsafeBufferPointer(start: nil, count: 0))
    private var leadingAccount: Int32 = 0
    private let fields: Int, idColumn: Int, timeColumn: Int
    /// Whether the id, the timestamp and the value are the first three columns.
    private let leading: Bool

    init(decoder: Decoder, dataset: DatasetFolder, plan: PartitionedRead<Decoder>.Plan) {
        self.decoder = decoder
        self.dataset = dataset
        rules = RowRules(strict: dataset.strict, startDays: dataset.accountIndex.startDays)
        (fields, idColumn, timeColumn) = (plan.layout.fieldCount, plan.idColumn, plan.timeColumn)
        leading = idColumn == 0 && timeColumn == 1 && decoder.column == 2
    }

    /// The account of an id (nil when unknown). An export lists an account's rows
    /// together: most rows name the last row's account, which is kept.
    @inline(__always)
    mutating func account(_ key: AccountIndex.Key, _ idBytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        if key != lastKey || key.count > 16 {
            lastKey = key
            lastAccount = dataset.accountIndex.position(of: key, idBytes) ?? dataset.unicodePosition(of: idBytes)
        }
        return lastAccount
    }

    /// Forgets the last id looked up (after a damaged one).
    mutating func forgetLastAccount() {
        lastKey = AccountIndex.Key(UnsafeBufferPointer(start: nil, count: 0))
    }

    /// Takes the plain rows at the start of `bytes` (`LeadingLine`, else `PlainLine`), up
    /// to the first row these cannot take as it is, the first line starting at or after
    /// `recordsStartBefore`, or a full batch: their events go to `batch` from `count` on,
    /// up to `capacity`. Returns the bytes and lines taken; the row they stop at goes to
    /// the general reader, which checks it as before.
    @inline(never)
    mutating func takePlainRows(_ bytes: UnsafeBufferPointer<UInt8>, recordsStartBefore: Int,
                                into batch: UnsafeMutablePointer<Decoder.Event>, count: inout Int,
                                capacity: Int) -> (bytes: Int, lines: Int) {
        let base = bytes.baseAddress!
        let bounds = DateBounds.range
        var at = 0
        var lines = 0
        while at < recordsStartBefore && count < capacity {
            let rest = bytes.count - at
            let line: PlainLine
            let day: CalendarDay
            let found: Int32
            if leading, let leadingLine = LeadingLine.scan(base + at, count: rest, fields: fields, lastId: leadingId),
               let parsed = days.plainDay(UnsafeBufferPointer(start: base + at + leadingLine.timeStart, count: 20)) {
                line = leadingLine.plain
                day = parsed
                if leadingLine.sameId {
                    found = leadingAccount
                } else {
                    let key = AccountIndex.Key(base + at, count: line.id.count, readable: rest)
                    guard let account = account(key, UnsafeBufferPointer(start: base + at, count: line.id.count)) else { break }
                    found = account
                    if key.count <= 16 { (leadingId, leadingAccount) = (key, account) }
                }
            } else {
                guard let plainLine = PlainLine.scan(UnsafeBufferPointer(start: base + at, count: rest), fields: fields,
                                                     id: idColumn, time: timeColumn, value: decoder.column),
                      plainLine.value.upperBound >= 8   // see `EventDecoder.plainEvent`
                else { break }
                line = plainLine
                let time = UnsafeBufferPointer(start: base + at + line.time.lowerBound, count: line.time.count)
                let idBytes = UnsafeBufferPointer(start: base + at + line.id.lowerBound, count: line.id.count)
                // An id with spaces or tabs around it is trimmed by the general reader byte
                // by byte, and in accounts.csv by character: such rows are left to the former.
                guard let first = idBytes.first, let last = idBytes.last,
                      first != 32 && first != 9 && last != 32 && last != 9,
                      let account = account(AccountIndex.Key(base + at + line.id.lowerBound, count: line.id.count,
                                                             readable: rest - line.id.lowerBound), idBytes),
                      let parsed = days.plainDay(time) ?? days.day(time)
                else { break }
                found = account
                day = parsed
            }
            guard bounds.contains(day.daysSinceEpoch),
                  let event = decoder.plainEvent(UnsafeBufferPointer(start: base + at + line.value.lowerBound, count: line.value.count),
                                                 account: found, day: day),
                  let verdict = rules.admitKnown(found, day: day)
            else { break }
            at += line.length
            lines += 1
            if case .use = verdict {
                (batch + count).initialize(to: event)
                count += 1
            }
        }
        return (at, lines)
    }
}
