/// The rules every source applies to an event row once its account id and day are read:
/// a row for an account the accounts table does not have, or dated before its account
/// started, is skipped and counted, or (strict) refused. One place, so that a CSV folder
/// and a database give the same snapshots and the same errors for the same rows.
package struct RowRules: Sendable {
    /// Refuse skippable rows instead of counting them.
    package let strict: Bool
    /// Each account's `started_on`, as days since the epoch, by account position.
    let startDays: [Int32]
    package private(set) var unknownAccountRows = 0
    package private(set) var beforeStartRows = 0

    package init(strict: Bool, startDays: [Int32]) {
        self.strict = strict
        self.startDays = startDays
    }

    /// What to do with a row.
    package enum Verdict: Equatable {
        /// Use the event of this account.
        case use(Int32)
        /// Skipped (counted), but its value is checked so a bad value fails on every date.
        case checkOnly(Int32)
        /// Skipped (counted), nothing more to check.
        case skip
    }

    /// The verdict for a row naming `account` (nil when the id is unknown), with its raw
    /// id bytes for the error message.
    @inline(__always)
    package mutating func admit(_ account: Int32?, id: UnsafeBufferPointer<UInt8>, day: CalendarDay,
                                file: EventFile, line: Int) throws(InputError) -> Verdict {
        guard let account else {
            if strict || id.isEmpty {
                throw InputError.row(file: file, line: line, column: "account_id",
                                     id.isEmpty ? .emptyAccountID : .unknownAccount(String(decoding: id, as: UTF8.self)))
            }
            unknownAccountRows += 1
            return .skip
        }
        guard day.daysSinceEpoch >= startDays[Int(account)] else {
            if strict {
                throw InputError.row(file: file, line: line, column: file.timeColumn,
                                     .beforeAccountStart(day: day, account: String(decoding: id, as: UTF8.self)))
            }
            beforeStartRows += 1
            return .checkOnly(account)
        }
        return .use(account)
    }

    /// The verdict for a row of a known account, as `admit` gives it, or nil when `admit`
    /// would refuse the row (strict, dated before the account started).
    @inline(__always)
    package mutating func admitKnown(_ account: Int32, day: CalendarDay) -> Verdict? {
        guard day.daysSinceEpoch >= startDays[Int(account)] else {
            if strict { return nil }
            beforeStartRows += 1
            return .checkOnly(account)
        }
        return .use(account)
    }
}
