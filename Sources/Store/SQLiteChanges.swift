import Foundation
import GRDB

/// The accounts that changed between two runs of an SQLite store: both runs read side by
/// side in account id order and merged, one pass over each.
enum SQLiteChanges {
    static func changedAccounts(from: RunSummary, to: RunSummary, minimumDrop: Int, in db: Database) throws -> [AccountPair] {
        var old = try SQLiteRunCursor(run: from.id, in: db)
        var new = try SQLiteRunCursor(run: to.id, in: db)
        var pairs: [AccountPair] = []
        while old.hasRow || new.hasRow {
            let order = !old.hasRow ? 1 : !new.hasRow ? -1 : compare(old.idBytes, new.idBytes)
            if order < 0 {
                pairs.append(AccountPair(old: old.account, new: nil))
                try old.advance()
            } else if order > 0 {
                pairs.append(AccountPair(old: nil, new: new.account))
                try new.advance()
            } else {
                if AccountPair.qualifies(old: (old.healthScore, old.tier), new: (new.healthScore, new.tier), minimumDrop: minimumDrop) {
                    pairs.append(AccountPair(old: old.account, new: new.account))
                }
                try old.advance()
                try new.advance()
            }
        }
        return pairs
    }

    /// Byte order, as SQLite's BINARY collation sorts text.
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}
