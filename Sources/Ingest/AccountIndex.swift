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
/// number of accounts. The duplicate check of accounts.csv builds it (`AccountIDCheck`).
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

        /// The key of the `count` bytes (at most 16) that end at `end`, of which the eight
        /// before `end` may be read: loaded as words, where `init(_:)` gathers byte by byte.
        @inline(__always)
        init(endingAt end: UnsafePointer<UInt8>, count: Int) {
            precondition(count <= 16, "a key holds 16 bytes")
            self.count = count
            let raw = UnsafeRawPointer(end)
            let last = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: -8, as: UInt64.self))
            if count > 8 {
                // The first eight bytes, and the last eight moved down past the ones the first holds.
                low = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: -count, as: UInt64.self))
                high = last >> UInt64(8 * (16 - count))
            } else {
                low = count == 0 ? 0 : last >> UInt64(8 * (8 - count))
                high = 0
            }
        }

        var hash: Int {
            var h = (low ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
            h = (h ^ (h >> 29) ^ high) &* 0xBF58_476D_1CE4_E5B9
            return Int(truncatingIfNeeded: h ^ (h >> 32))
        }
    }

    /// A slot of the table: an account's position (-1 for an empty slot) and the high half
    /// of its key's hash, which settles almost every probe without reading the key.
    private struct Slot {
        var tag: UInt32
        var position: Int32
    }

    /// Open-addressing table, a power of two at least twice the number of accounts so that
    /// probes stay short. Eight bytes a slot, the keys apart: with the keys in the slots
    /// (32 bytes), 200,000 accounts' table was 16 MiB, and every probe of the duplicate
    /// check while reading accounts.csv missed the cache; now 4 MiB.
    private var slots: [Slot]
    private var count = 0
    /// The key of each position.
    private var keys: [Key] = []
    /// Ids longer than 16 bytes, whole, for the byte comparison; id `p` is
    /// `longKeys[longStarts[p]..<longStarts[p + 1]]` (empty for short ids, and for a
    /// position `append` gave an id seen before).
    private var longKeys: [UInt8] = []
    private var longStarts: [Int] = [0]
    /// `started_on` of each account as days since 1970-01-01: checked on every event row.
    private(set) var startDays: [Int32] = []

    private static let emptySlot = Slot(tag: 0, position: -1)

    /// An empty index with room for `capacity` ids before it grows.
    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = [Slot](repeating: AccountIndex.emptySlot, count: size)
        keys.reserveCapacity(capacity)
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
        guard appendIfAbsent(bytes, startDay: startDay) != nil else { return }
        // The position is taken all the same (lookups find the earlier account).
        keys.append(Key(bytes))
        longStarts.append(longKeys.count)
        startDays.append(startDay)
    }

    /// Adds the account at the next position, whose id is `bytes`, unless an earlier
    /// account has the same bytes: then nothing is added, and that account's position is
    /// returned. One probe either way.
    mutating func appendIfAbsent(_ bytes: UnsafeBufferPointer<UInt8>, startDay: Int32) -> Int32? {
        appendIfAbsent(Key(bytes), bytes, startDay: startDay)
    }

    /// `appendIfAbsent(_:startDay:)` with the id's key made already; `bytes` are read only
    /// for an id longer than 16 bytes.
    mutating func appendIfAbsent(_ key: Key, _ bytes: UnsafeBufferPointer<UInt8>, startDay: Int32) -> Int32? {
        if 2 * (count + 1) > slots.count { grow() }
        let hash = key.hash
        // The probe ends at an equal id, or at the empty slot this id takes.
        let found = probe(key, hash: hash, bytes)
        if found.position >= 0 { return found.position }
        slots[found.slot] = Slot(tag: UInt32(truncatingIfNeeded: hash >> 32), position: Int32(keys.count))
        count += 1
        keys.append(key)
        if key.count > 16 { longKeys.append(contentsOf: bytes) }
        longStarts.append(longKeys.count)
        startDays.append(startDay)
        return nil
    }

    /// Loads the slots where the probes of `keys` start, all at once, and returns a value
    /// made of them for the caller to keep (so that the loads are not left out). Probes one
    /// after the other each waited for its slot from memory; loaded together, the waits
    /// overlap, and the probes that follow find their slots in the cache.
    func warm(_ keys: UnsafeBufferPointer<Key>) -> UInt32 {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var seen: UInt32 = 0
            for key in keys { seen ^= slots[key.hash & mask].tag }
            return seen
        }
    }

    /// The slot holding the id `bytes` (whose key is `key`) and its position, or the empty
    /// slot where the probe ended and -1.
    @inline(__always)
    private func probe(_ key: Key, hash: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> (slot: Int, position: Int32) {
        let tag = UInt32(truncatingIfNeeded: hash >> 32)
        return slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                let mask = slots.count - 1
                var slot = hash & mask
                while true {
                    let entry = slots[slot]
                    if entry.position < 0 { return (slot, -1) }
                    if entry.tag == tag && keys[Int(entry.position)] == key
                        && (key.count <= 16 || sameLongKey(Int(entry.position), bytes)) {
                        return (slot, entry.position)
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Twice the room: entries are placed again from their keys, no id is read anew.
    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: AccountIndex.emptySlot, count: 2 * old.count)
        let mask = slots.count - 1
        keys.withUnsafeBufferPointer { keys in
        slots.withUnsafeMutableBufferPointer { slots in
            for entry in old where entry.position >= 0 {
                var slot = keys[Int(entry.position)].hash & mask
                while slots[slot].position >= 0 { slot = (slot + 1) & mask }
                slots[slot] = entry
            }
        }}
    }

    /// The position of the account whose id is exactly `bytes` (whose key is `key`), nil
    /// when none is.
    func position(of key: Key, _ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let position = probe(key, hash: key.hash, bytes).position
        return position >= 0 ? position : nil
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
