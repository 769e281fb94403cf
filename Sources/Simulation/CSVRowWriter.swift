#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams CSV rows to a file through a 1 MiB buffer and `write(2)`.
///
/// Rows are formatted with `CSVRowBuffer` in per-account buffers, possibly on other threads,
/// and copied here in account order into a staging buffer that is flushed whenever it
/// reaches 1 MiB: large sequential writes and constant memory, whatever the file's size.
final class CSVRowWriter {
    static let bufferSize = 1 << 20

    let path: String
    private var descriptor: Int32
    private var staging = CSVRowBuffer(capacity: CSVRowWriter.bufferSize + 4_096)
    /// Rows appended, the header excluded.
    private(set) var dataRows = 0
    /// Bytes handed to the file so far, including the buffered ones.
    private(set) var byteCount = 0

    /// Creates or truncates `path` and writes the header row.
    init(path: String, header: [String]) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if descriptor < 0 { throw SimulationError.io(path: path, operation: "open", errno: errno) }
        for (index, column) in header.enumerated() {
            if index > 0 { staging.comma() }
            staging.append(text: column)
        }
        staging.endRow()
        byteCount = staging.count
    }

    deinit {
        if descriptor >= 0 { _ = close(descriptor) }
    }

    /// Appends `rowCount` complete rows formatted elsewhere.
    func append(_ rows: CSVRowBuffer, rowCount: Int) throws {
        dataRows += rowCount
        byteCount += rows.count
        // Flush first so the staging buffer never grows past its size and the file stays in order.
        if staging.count + rows.count > CSVRowWriter.bufferSize { try flush() }
        if rows.count >= CSVRowWriter.bufferSize {
            try rows.withBytes { try writeAll($0) } // large blocks skip the copy
            return
        }
        rows.withBytes { bytes in
            staging.write(maxBytes: bytes.count) { target in
                if let base = bytes.baseAddress {
                    UnsafeMutableRawPointer(target).copyMemory(from: base, byteCount: bytes.count)
                }
                return bytes.count
            }
        }
        if staging.count >= CSVRowWriter.bufferSize { try flush() }
    }

    func flush() throws {
        try staging.withBytes { try writeAll($0) }
        staging.removeAll()
    }

    /// Flushes and closes the file.
    func finish() throws {
        try flush()
        let result = close(descriptor)
        descriptor = -1
        if result != 0 { throw SimulationError.io(path: path, operation: "close", errno: errno) }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw SimulationError.io(path: path, operation: "write", errno: errno)
            }
            remaining -= written
            next += written
        }
    }
}
