/// The duplicate check of `accounts.csv`'s ids, in file order, after the rows are read
/// (`AccountsRead`): the first row of an id is kept, each later one is a duplicate.
///
/// Ids are compared by their bytes when every id is ASCII, where equal bytes and equal
/// strings are the same thing, and as strings when one is not (hashing a string costs
/// several times as much). By bytes, the index the check builds is the table's.
struct AccountIDCheck {
    private var bytes: AccountIndex
    private var strings: [String: Int32]?
    /// The line of each id kept, by position.
    private var lines: [Int] = []
    /// The rows whose id a row before them has, numbered across the file's rows, and the
    /// line of that first row.
    private(set) var duplicates: [(row: Int, firstLine: Int)] = []
    /// What `AccountIndex.warm` loaded: never read, it is here so that the compiler keeps
    /// the loads.
    private var warmed: UInt32 = 0

    /// Ids in groups of this many have their slots loaded at once (`AccountIndex.warm`).
    private static let warmGroup = 16

    /// A check by bytes, with room for `capacity` ids.
    init(capacity: Int) {
        bytes = AccountIndex(capacity: capacity)
        lines.reserveCapacity(capacity)
    }

    /// The check of `accounts` (read on `lines`) as strings.
    init(strings accounts: [Account], lines: [Int]) {
        bytes = AccountIndex(capacity: 0)
        var strings: [String: Int32] = Dictionary(minimumCapacity: accounts.count)
        for (row, account) in accounts.enumerated() {
            if let earlier = strings[account.id] {
                duplicates.append((row, self.lines[Int(earlier)]))
            } else {
                strings[account.id] = Int32(self.lines.count)
                self.lines.append(lines[row])
            }
        }
        self.strings = strings
    }

    /// Checks the ids of `parts`, in order, by their bytes; `lines` are the rows' lines.
    mutating func add(_ parts: [AccountsRead.PartIDs], lines: [Int]) {
        var first = 0
        for part in parts {
            part.keys.withUnsafeBufferPointer { keys in
            part.longIDs.withUnsafeBufferPointer { longIDs in
                var longAt = 0
                for group in stride(from: 0, to: keys.count, by: AccountIDCheck.warmGroup) {
                    let end = min(group + AccountIDCheck.warmGroup, keys.count)
                    warmed ^= bytes.warm(UnsafeBufferPointer(rebasing: keys[group..<end]))
                    for index in group..<end {
                        let key = keys[index]
                        var id = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
                        if key.count > 16 {
                            id = UnsafeBufferPointer(rebasing: longIDs[longAt..<longAt + key.count])
                            longAt += key.count
                        }
                        if let earlier = bytes.appendIfAbsent(key, id, startDay: part.startDays[index]) {
                            duplicates.append((first + index, self.lines[Int(earlier)]))
                        } else {
                            self.lines.append(lines[first + index])
                        }
                    }
                }
            }}
            first += part.keys.count
        }
    }

    /// Names a row with a problem a duplicate when a row before it has its id, as a reader
    /// checking row by row names it.
    func recheck(_ failure: inout AccountsRead.Failure, file: String, mapping: FileMapping) {
        guard var id = failure.id else { return }
        let position = strings.map { $0[id] } ?? id.withUTF8 { bytes.position(of: $0) }
        guard let position, lines[Int(position)] < failure.line else { return }
        let duplicate = AccountTable.duplicate(id, line: failure.line, firstLine: lines[Int(position)])
        failure.error = mapping.localize(duplicate, fileName: file)
    }

    /// The index of the accounts kept: the one built here when ids were checked by bytes.
    func index(for accounts: [Account]) -> AccountIndex {
        strings == nil ? bytes : AccountIndex(accounts)
    }
}
