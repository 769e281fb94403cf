#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Account ids to positions in `accounts.csv`, looked up straight from a field's bytes.
///
/// Every event row names its account. Building a `String` for the id and hashing it
/// took a fifth of the time of reading sessions.csv, so ids are kept as bytes in an
/// open-addressing table instead: an id of up to 16 bytes (the usual case) is compared
/// as two machine words, a longer one byte by byte. Memory is proportional to the
/// number of accounts. Reading accounts.csv builds it as it goes, and checks ids for
/// duplicates with it.
struct AccountIndex: Sendable {
    /// An id as its length and first 16 bytes, zero-padded.
    struct Key: Equatable {
        var low: UInt64
        var high: UInt64
        var count: Int

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            count = bytes.count
            low = 0
            high = 0
            for index in 0..<min(count, 16) {
                let byte = UInt64(bytes[index])
                if index < 8 { low |= byte << (8 * UInt64(index)) } else { high |= byte << (8 * UInt64(index - 8)) }
            }
        }

        /// The key of the `count` bytes at `start`, of which `readable` may be read: two
        /// words when at least 16 are, byte by byte otherwise.
        @inline(__always)
        init(_ start: UnsafePointer<UInt8>, count: Int, readable: Int) {
            self = readable >= 16 ? Key(loading: start, count: count) : Key(UnsafeBufferPointer(start: start, count: count))
        }

        /// The key of the `count` bytes at `start`, read as two words: at least 16 bytes
        /// from `start` must be readable.
        @inline(__always)
        init(loading start: UnsafePointer<UInt8>, count: Int) {
            self.count = count
            let raw = UnsafeRawPointer(start)
            let first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            let second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            @inline(__always) func keep(_ word: UInt64, _ bytes: Int) -> UInt64 {
                bytes >= 8 ? word : bytes <= 0 ? 0 : word & ((1 << UInt64(8 * bytes)) - 1)
            }
            low = keep(first, count)
            high = keep(second, count - 8)
        }

        var hash: Int {
            var h = (low ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
            h = (h ^ (h >> 29) ^ high) &* 0xBF58_476D_1CE4_E5B9
            return Int(truncatingIfNeeded: h ^ (h >> 32))
        }
    }

    private struct Entry {
        var key: Key
        var position: Int32
    }

    /// Open-addressing table (position -1 = empty), a power of two at least twice the
    /// number of accounts so that probes stay short.
    private var table: [Entry]
    private var count = 0
    /// Ids longer than 16 bytes, whole, for the byte comparison; id `p` is
    /// `longKeys[longStarts[p]..<longStarts[p + 1]]` (empty for short ids).
    private var longKeys: [UInt8] = []
    private var longStarts: [Int] = [0]
    /// `started_on` of each account as days since 1970-01-01: checked on every event row.
    private(set) var startDays: [Int32] = []

    private static let emptyEntry = Entry(key: Key(UnsafeBufferPointer(start: nil, count: 0)), position: -1)

    /// An empty index with room for `capacity` ids before it grows.
    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        table = [Entry](repeating: AccountIndex.emptyEntry, count: size)
        startDays.reserveCapacity(capacity)
        longStarts.reserveCapacity(capacity + 1)
    }

    /// The accounts of `accounts`, in order; of ids equal byte for byte, lookups find the first.
    init(_ accounts: [Account]) {
        self.init(capacity: accounts.count)
        for account in accounts {
            var id = account.id
            id.withUTF8 { append($0, startDay: account.startedOn.daysSinceEpoch) }
        }
    }

    /// Adds the account at the next position (the number of accounts so far), whose id is
    /// `bytes`; when an earlier account has the same bytes, lookups still find that one.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, startDay: Int32) {
        let position = Int32(startDays.count)
        let key = Key(bytes)
        if key.count > 16 { longKeys.append(contentsOf: bytes) }
        longStarts.append(longKeys.count)
        startDays.append(startDay)
        if 2 * (count + 1) > table.count { grow() }
        // One probe: it ends at an equal id, which keeps its place, or at the empty slot
        // this id takes.
        let mask = table.count - 1
        let empty: Int? = table.withUnsafeBufferPointer { table in
            var slot = key.hash & mask
            while table[slot].position >= 0 {
                if table[slot].key == key && (key.count <= 16 || sameLongKey(Int(table[slot].position), bytes)) {
                    return nil
                }
                slot = (slot + 1) & mask
            }
            return slot
        }
        guard let empty else { return }
        table[empty] = Entry(key: key, position: position)
        count += 1
    }

    /// Twice the room: entries are placed again from their keys, no id is read anew.
    private mutating func grow() {
        let old = table
        table = [Entry](repeating: AccountIndex.emptyEntry, count: 2 * old.count)
        let mask = table.count - 1
        table.withUnsafeMutableBufferPointer { table in
            for entry in old where entry.position >= 0 {
                var slot = entry.key.hash & mask
                while table[slot].position >= 0 { slot = (slot + 1) & mask }
                table[slot] = entry
            }
        }
    }

    /// The position of the account whose id is exactly `bytes` (whose key is `key`), nil
    /// when none is.
    func position(of key: Key, _ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        table.withUnsafeBufferPointer { table in
            let mask = table.count - 1
            var slot = key.hash & mask
            while true {
                let entry = table[slot]
                if entry.position < 0 { return nil }
                if entry.key == key && (key.count <= 16 || sameLongKey(Int(entry.position), bytes)) {
                    return entry.position
                }
                slot = (slot + 1) & mask
            }
        }
    }

    func position(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        position(of: Key(bytes), bytes)
    }

    private func sameLongKey(_ position: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = longStarts[position]
        return longKeys.withUnsafeBufferPointer { keys in
            memcmp(keys.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
        }
    }
}
