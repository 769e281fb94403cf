#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable list of floats per slot in raw memory: what a session tally keeps of the
/// lengths in a window. Appending checks no uniqueness and grows by `realloc`, which often
/// extends a block in place: as an array per slot, every append called into the runtime
/// to check the array's uniqueness (2% of the CPU samples of `train` with its defaults),
/// and the job took 2.4% more CPU time and 8 MiB more memory (16 alternated runs on the
/// 1 GB base). Whoever holds it frees it (`deallocate`); copies share it. Different slots
/// may be used from different threads at once, one slot from one thread at a time.
struct FloatLists: @unchecked Sendable {
    private let starts: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>
    private let counts: UnsafeMutablePointer<Int32>
    private let capacities: UnsafeMutablePointer<Int32>
    /// The number of lists.
    let slotCount: Int

    init(slotCount: Int) {
        self.slotCount = slotCount
        starts = .allocate(capacity: slotCount)
        starts.initialize(repeating: nil, count: slotCount)
        counts = .allocate(capacity: slotCount)
        counts.initialize(repeating: 0, count: slotCount)
        capacities = .allocate(capacity: slotCount)
        capacities.initialize(repeating: 0, count: slotCount)
    }

    @inline(__always)
    func append(_ value: Float, to slot: Int) {
        let used = counts[slot]
        if used == capacities[slot] { reserve(slot, Int(used) + 1) }
        starts[slot].unsafelyUnwrapped[Int(used)] = value
        counts[slot] = used + 1
    }

    /// Room for at least `needed` values in the slot's list, doubling as an array does.
    private func reserve(_ slot: Int, _ needed: Int) {
        let capacity = max(needed, 2 * Int(capacities[slot]), 8)
        precondition(capacity <= Int(Int32.max), "a window holds fewer than 2^31 sessions")
        guard let grown = realloc(starts[slot], capacity * MemoryLayout<Float>.stride) else {
            fatalError("out of memory for session lengths")
        }
        starts[slot] = grown.bindMemory(to: Float.self, capacity: capacity)
        capacities[slot] = Int32(capacity)
    }

    /// Appends the slot's list of the part of a file that comes right after this one's,
    /// taking its memory when this list is empty (the usual case: an export lists each
    /// account's rows together, and few accounts span two parts); `later`'s list of the
    /// slot is then empty.
    func appendPart(of slot: Int, from later: FloatLists) {
        let added = Int(later.counts[slot])
        guard added > 0 else { return }
        let used = Int(counts[slot])
        if used == 0 {
            free(starts[slot])
            (starts[slot], counts[slot], capacities[slot]) = (later.starts[slot], later.counts[slot], later.capacities[slot])
            (later.starts[slot], later.counts[slot], later.capacities[slot]) = (nil, 0, 0)
            return
        }
        if used + added > Int(capacities[slot]) { reserve(slot, used + added) }
        (starts[slot].unsafelyUnwrapped + used).initialize(from: later.starts[slot].unsafelyUnwrapped, count: added)
        counts[slot] += Int32(added)
    }

    /// The slot's values, in the order appended.
    subscript(slot: Int) -> UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: starts[slot], count: Int(counts[slot]))
    }

    /// Frees the slot's values; the list is empty after.
    func release(_ slot: Int) {
        free(starts[slot])
        (starts[slot], counts[slot], capacities[slot]) = (nil, 0, 0)
    }

    /// Frees every list and the lists themselves.
    func deallocate() {
        for slot in 0..<slotCount { free(starts[slot]) }
        starts.deallocate()
        counts.deallocate()
        capacities.deallocate()
    }
}
