/// Memory that a block of CSV rows is formatted into, kept from one block to the next.
///
/// A score file of a million rows passes through a handful of these, reused: fresh
/// arrays per block would fault in new pages for every one of the file's 170 MB.
final class ByteBlock: @unchecked Sendable {
    private(set) var start: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes written so far, from `start`.
    var count = 0

    init(capacity: Int = 0) {
        self.capacity = capacity
        start = .allocate(capacity: max(capacity, 1))
    }

    deinit { start.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: start, count: count) }

    /// Where the next byte goes, with room for at least `room` bytes there; the written
    /// bytes are kept when the block has to grow.
    func end(withRoom room: Int) -> UnsafeMutablePointer<UInt8> {
        if count + room > capacity {
            let grown = max(2 * capacity, count + room)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            larger.update(from: start, count: count)
            start.deallocate()
            start = larger
            capacity = grown
        }
        return start + count
    }
}
