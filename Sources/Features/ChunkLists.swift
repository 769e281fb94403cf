#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable list of values per slot: what a session tally keeps of the lengths in a
/// window (`ChunkLists<Float>`), an interaction tally of its ratings, and a log of close
/// days of each account's events (`SessionLog`, `EventLog`). Whoever holds it frees it
/// (`deallocate`); copies share it. Appending (either `append`) takes chunks from the
/// shared blocks, so it runs on one thread at a time; `count`, `forEachValue`,
/// `withValues` and `release` of different slots may run on different threads at once.
///
/// A list is a chain of chunks of 16 values, taken in turn from large blocks that belong
/// to the lists and are freed with them. An export lists an account's rows together, so
/// an account's chunks lie next to each other in memory, in the order the medians read
/// them, and appending never copies. Each list used to have memory of its own, grown by
/// `realloc` and freed list by list: `train`'s four days make 1.6 million lists on the
/// 3 GB base of 200,000 accounts, and finishing the days (mostly the medians, each reading
/// a list from wherever it had been allocated, then freeing it) took 0.14-0.16 s there
/// against 0.08 s now, and 28-51 ms against 20 on the 1 GB base of 20,000 accounts.
struct ChunkLists<Element: BitwiseCopyable>: @unchecked Sendable {
    /// Values per chunk: a chunk is the address of the next one and 16 values (72 bytes
    /// for floats).
    static var chunkValues: Int { 16 }
    private static var chunkBytes: Int { 8 + MemoryLayout<Element>.stride * chunkValues }
    /// Chunks per block of memory (64 KiB).
    private static var chunksPerBlock: Int { (64 << 10) / chunkBytes }

    /// Each list's first and last chunk (nil while empty) and its length.
    private let heads: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    private let tails: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    private let counts: UnsafeMutablePointer<Int32>
    /// The blocks the chunks come from.
    private let memory: UnsafeMutablePointer<Blocks>
    /// The number of lists.
    let slotCount: Int

    private struct Blocks {
        var all: [UnsafeMutableRawPointer] = []
        /// Chunks of the last block handed out.
        var used = ChunkLists.chunksPerBlock
    }

    init(slotCount: Int) {
        // Values start 8 bytes into a chunk, and a block holds at least one chunk.
        precondition(MemoryLayout<Element>.alignment <= 8 && Self.chunksPerBlock > 0, "a value that fits a chunk")
        self.slotCount = slotCount
        heads = .allocate(capacity: slotCount)
        heads.initialize(repeating: nil, count: slotCount)
        tails = .allocate(capacity: slotCount)
        tails.initialize(repeating: nil, count: slotCount)
        counts = .allocate(capacity: slotCount)
        counts.initialize(repeating: 0, count: slotCount)
        memory = .allocate(capacity: 1)
        memory.initialize(to: Blocks())
    }

    /// The number of values in the slot's list.
    func count(_ slot: Int) -> Int { Int(counts[slot]) }

    @inline(__always)
    func append(_ value: Element, to slot: Int) {
        let used = Int(counts[slot])
        let within = used & (Self.chunkValues - 1)
        if within == 0 { link(newChunk(), to: slot) }
        (tails[slot].unsafelyUnwrapped + 8).assumingMemoryBound(to: Element.self)[within] = value
        counts[slot] = Int32(used + 1)
    }

    /// A chunk from the current block, or from a new one.
    private func newChunk() -> UnsafeMutableRawPointer {
        if memory.pointee.used == Self.chunksPerBlock {
            guard let block = malloc(Self.chunksPerBlock * Self.chunkBytes) else {
                fatalError("out of memory for the lists")
            }
            memory.pointee.all.append(block)
            memory.pointee.used = 0
        }
        let chunk = memory.pointee.all.last.unsafelyUnwrapped + memory.pointee.used * Self.chunkBytes
        memory.pointee.used += 1
        chunk.storeBytes(of: nil, as: UnsafeMutableRawPointer?.self)
        // The values' part is typed memory from here on (the link before it stays raw).
        (chunk + 8).bindMemory(to: Element.self, capacity: Self.chunkValues)
        return chunk
    }

    /// Puts `chunk` at the end of the slot's chain.
    private func link(_ chunk: UnsafeMutableRawPointer, to slot: Int) {
        if let tail = tails[slot] {
            tail.storeBytes(of: chunk, as: UnsafeMutableRawPointer?.self)
        } else {
            heads[slot] = chunk
        }
        tails[slot] = chunk
    }

    /// Appends the lists of the part of a file that comes right after this one's, and takes
    /// over their memory: `later` holds nothing after (its `deallocate` frees only its own
    /// bookkeeping). A list of `later` is taken whole when this one's is empty (the usual
    /// case: few accounts span two parts), else its values are appended.
    func append(_ later: ChunkLists) {
        precondition(later.slotCount == slotCount && later.heads != heads, "another part's lists of the same slots")
        for slot in 0..<slotCount where later.counts[slot] > 0 {
            if counts[slot] == 0 {
                (heads[slot], tails[slot]) = (later.heads[slot], later.tails[slot])
                counts[slot] = later.counts[slot]
            } else {
                later.forEachValue(of: slot) { append($0, to: slot) }
            }
            (later.heads[slot], later.tails[slot], later.counts[slot]) = (nil, nil, 0)
        }
        // The later part's blocks are this one's now; new chunks still come from this
        // one's last block.
        let taken = later.memory.pointee.all
        later.memory.pointee = Blocks()
        memory.pointee.all.insert(contentsOf: taken, at: max(0, memory.pointee.all.count - 1))
    }

    /// Calls `body` with each value of the slot's list, in the order appended.
    func forEachValue(of slot: Int, _ body: (Element) -> Void) {
        var left = Int(counts[slot])
        var chunk = heads[slot]
        while let current = chunk, left > 0 {
            let values = (current + 8).assumingMemoryBound(to: Element.self)
            for index in 0..<min(left, Self.chunkValues) { body(values[index]) }
            left -= Self.chunkValues
            chunk = current.load(as: UnsafeMutableRawPointer?.self)
        }
    }

    /// `body` of the slot's values, in the order appended, in memory it may reorder: the
    /// list's own for up to 16 values, a copy otherwise.
    func withValues<Result>(of slot: Int, _ body: (UnsafeMutableBufferPointer<Element>) -> Result) -> Result {
        let count = Int(counts[slot])
        guard count > Self.chunkValues else {
            let start = heads[slot].map { ($0 + 8).assumingMemoryBound(to: Element.self) }
            return body(UnsafeMutableBufferPointer(start: start, count: count))
        }
        return withUnsafeTemporaryAllocation(of: Element.self, capacity: count) { copy in
            var index = 0
            forEachValue(of: slot) { value in
                copy.initializeElement(at: index, to: value)
                index += 1
            }
            return body(copy)
        }
    }

    /// Empties the slot's list (its memory is freed with the lists').
    func release(_ slot: Int) {
        (heads[slot], tails[slot], counts[slot]) = (nil, nil, 0)
    }

    /// Frees every list and the lists themselves.
    func deallocate() {
        for block in memory.pointee.all { free(block) }
        memory.deinitialize(count: 1)
        memory.deallocate()
        heads.deallocate()
        tails.deallocate()
        counts.deallocate()
    }
}

/// `ChunkLists` freed with the last value that holds them: the tallies and logs keep their
/// lists through one of these, and copies of them share it.
final class OwnedChunkLists<Element: BitwiseCopyable>: Sendable {
    let lists: ChunkLists<Element>
    init(slotCount: Int) { lists = ChunkLists(slotCount: slotCount) }
    deinit { lists.deallocate() }

    /// Appends the lists of the part of a file that comes right after this one's, taking
    /// over their memory (`ChunkLists.append`); `later` holds it until then.
    func append(_ later: OwnedChunkLists) { lists.append(later.lists) }
}
