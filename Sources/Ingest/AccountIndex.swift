#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Account ids to positions in `accounts.csv`, looked up straight from a field's bytes.
///
/// Every event row names its account. Building a `String` for the id and hashing it
/// took a fifth of the time of reading sessions.csv, so the ids are kept as bytes in an
/// open-addressing table instead. Memory is proportional to the number of accounts.
struct AccountIndex: Sendable {
    /// Every id's UTF-8 bytes, one after another; id `p` is `keys[keyStarts[p]..<keyStarts[p + 1]]`.
    private let keys: [UInt8]
    private let keyStarts: [Int]
    /// Open-addressing table of positions (-1 = empty), a power of two at least twice
    /// the number of accounts so that probes stay short.
    private let table: [Int32]
    /// `started_on` of each account as days since 1970-01-01: checked on every event row.
    let startDays: [Int32]

    init(_ table: AccountTable) {
        var keys: [UInt8] = []
        var keyStarts: [Int] = [0]
        keyStarts.reserveCapacity(table.count + 1)
        for account in table.accounts {
            keys.append(contentsOf: account.id.utf8)
            keyStarts.append(keys.count)
        }
        var size = 16
        while size < 2 * table.count { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        keys.withUnsafeBufferPointer { bytes in
            for position in 0..<table.count {
                let key = UnsafeBufferPointer(rebasing: bytes[keyStarts[position]..<keyStarts[position + 1]])
                var slot = AccountIndex.hash(key) & (size - 1)
                while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = Int32(position)
            }
        }
        self.keys = keys
        self.keyStarts = keyStarts
        self.table = slots
        self.startDays = table.accounts.map { $0.startedOn.daysSinceEpoch }
    }

    /// The position of the account whose id is exactly these bytes, nil when none is.
    func position(of id: UnsafeBufferPointer<UInt8>) -> Int32? {
        let mask = table.count - 1
        var slot = AccountIndex.hash(id) & mask
        return keys.withUnsafeBufferPointer { keys in
            table.withUnsafeBufferPointer { table in
                while true {
                    let position = table[slot]
                    if position < 0 { return nil }
                    let start = keyStarts[Int(position)]
                    let count = keyStarts[Int(position) + 1] - start
                    if count == id.count && (count == 0 || memcmp(keys.baseAddress! + start, id.baseAddress!, count) == 0) {
                        return position
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// A 64-bit multiplicative hash over 8-byte words (ids are short: one or two words).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            index += 8
        }
        if index < bytes.count {
            var word: UInt64 = 0
            for offset in index..<bytes.count { word = word << 8 | UInt64(bytes[offset]) }
            h = (h ^ word) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }
}
