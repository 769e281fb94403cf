import Dispatch
import Foundation

/// Writes a large CSV file block by block, formatting on all cores and writing in order:
/// the same bytes as one thread writes, in about half the time on two cores.
///
/// Blocks are formatted a wave at a time. One task of each wave writes the previous
/// wave's blocks while the others format; the two waves' blocks take turns, so memory
/// stays at two waves however long the file.
enum CSVBlockWriter {
    /// Writes rows `0..<rowCount` to `file`, `rowsPerBlock` at a time; `format` appends
    /// the lines of a range of rows to an empty block and may run on any thread.
    static func write(rowCount: Int, rowsPerBlock: Int, to file: AtomicFile,
                      format: @Sendable (Range<Int>, ByteBlock) -> Void) throws(OutputError) {
        let blockCount = (rowCount + rowsPerBlock - 1) / rowsPerBlock
        // Four blocks per core: a core that finishes early picks up another.
        let wave = 4 * ProcessInfo.processInfo.activeProcessorCount
        let blocks = (0..<2 * wave).map { _ in ByteBlock() }
        let writer = OrderedWriter(file)
        var formatted: ArraySlice<ByteBlock> = []
        for (waveIndex, first) in stride(from: 0, to: blockCount + wave, by: wave).enumerated() {
            let count = max(0, min(wave, blockCount - first))
            let slots = blocks[(waveIndex % 2) * wave ..< (waveIndex % 2) * wave + count]
            let toWrite = formatted
            // Tasks are handed out in order: the write, the longest task, goes first, so
            // that the other core formats meanwhile instead of waiting for it at the end.
            DispatchQueue.concurrentPerform(iterations: count + 1) { task in
                if task == 0 { writer.write(toWrite); return }
                let start = (first + task - 1) * rowsPerBlock
                let block = slots[slots.startIndex + task - 1]
                block.count = 0
                format(start..<min(rowCount, start + rowsPerBlock), block)
            }
            if let error = writer.error { throw error }
            formatted = slots
        }
    }
}

/// Writes blocks in order, from one task while the next wave is formatted; the first
/// error stops it and is kept for the caller.
private final class OrderedWriter: @unchecked Sendable {
    private let file: AtomicFile
    private(set) var error: OutputError?

    init(_ file: AtomicFile) { self.file = file }

    func write(_ blocks: ArraySlice<ByteBlock>) {
        guard error == nil else { return }
        do {
            for block in blocks { try file.append(block.bytes) }
        } catch {
            self.error = error
        }
    }
}
