#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A problem writing an output file.
package enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The temporary file next to the target could not be created.
    case cannotCreate(path: String, reason: String)
    /// Writing, flushing or renaming failed; the target is unchanged.
    case failed(path: String, step: String, reason: String)
    /// The file name ends in no extension the output knows; `known` lists those that work.
    case unknownFileType(path: String, known: [String])

    package var description: String {
        switch self {
        case let .cannotCreate(path, reason):
            "\(path): cannot be written (\(reason)); check that the folder exists and is writable"
        case let .failed(path, step, reason):
            "\(path): \(step) (\(reason)); the previous file, if any, is unchanged"
        case let .unknownFileType(path, known):
            "\(path): unknown file type; end the name in \(known.joined(separator: " or "))"
        }
    }
}

/// Writes a file so that readers see the old content or the complete new content, never
/// a mix: bytes go to a temporary file in the same folder, which is flushed to disk and
/// then renamed over the target. A failed or interrupted run leaves the target untouched.
package final class AtomicFile {
    package let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var finished = false
    /// The temporary file's slot in `TemporaryFiles`, which SIGINT and SIGTERM clean up.
    private var slot: Int

    /// Bytes gathered before each write(2): few system calls, bounded memory.
    static let flushSize = 1 << 20

    package init(path: String) throws(OutputError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        temporaryPath = (folder.isEmpty ? "" : folder + "/") + ".\(name).tmp-\(getpid())"
        // Registered before it exists, so an interrupt right after `open` removes it too.
        slot = TemporaryFiles.register(temporaryPath)
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            TemporaryFiles.unregister(slot)
            throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        buffer.reserveCapacity(AtomicFile.flushSize)
        AtomicFile.afterCreate?(temporaryPath)
    }

    /// Called with the temporary path right after it is created; tests hold a run here to
    /// interrupt it at a known point. Nil (the default) does nothing.
    nonisolated(unsafe) package static var afterCreate: ((String) -> Void)?

    deinit {
        if !finished { discard() }
    }

    package func append(_ bytes: [UInt8]) throws(OutputError) {
        try bytes.withUnsafeBytes { raw in Result { () throws(OutputError) in try append(raw) } }.get()
    }

    package func append(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        if buffer.isEmpty && bytes.count >= AtomicFile.flushSize {
            // A large block goes straight to the file instead of through the buffer.
            try writeAll(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= AtomicFile.flushSize { try flush() }
    }

    package func append(_ text: String) throws(OutputError) { try append(Array(text.utf8)) }

    /// Flushes, syncs and renames over the target. Only now does the target change.
    package func commit() throws(OutputError) {
        try flush()
        guard fsync(descriptor) == 0 else { throw failure("cannot be synced") }
        close(descriptor)
        descriptor = -1
        guard rename(temporaryPath, path) == 0 else { throw failure("cannot be renamed into place") }
        finished = true
        TemporaryFiles.unregister(slot)
        // Sync the folder too, so the rename itself survives a crash.
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let folderDescriptor = open(folder.isEmpty ? "/" : folder, O_RDONLY)
        if folderDescriptor >= 0 { fsync(folderDescriptor); close(folderDescriptor) }
    }

    /// Drops the temporary file; the target is left as it was.
    package func discard() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unlink(temporaryPath)
        finished = true
        TemporaryFiles.unregister(slot)
    }

    /// Writes `bytes` to `path` atomically in one call.
    package static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        let file = try AtomicFile(path: path)
        try file.append(bytes)
        try file.commit()
    }

    private func flush() throws(OutputError) {
        try buffer.withUnsafeBytes { raw in Result { () throws(OutputError) in try writeAll(raw) } }.get()
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("write failed")
            }
            offset += written
        }
    }

    private func failure(_ what: String) -> OutputError {
        let reason = String(cString: strerror(errno))
        discard()
        return .failed(path: path, step: what, reason: reason)
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// The hidden temporary files being written, so that SIGINT, SIGTERM and SIGHUP remove
/// them before the process ends: an interrupted run leaves neither a partial output nor
/// its temporary file.
///
/// The handler must be async-signal-safe, so the table is plain C memory set up once
/// (before any handler is installed) with a fixed number of slots, each holding a C string
/// made with `strdup`. A slot is published only after its string is complete and cleared
/// before its string is freed; the handler reads the slots, calls `unlink` (safe in a
/// handler), restores the default action and raises the signal again, so the process ends
/// with the status of the signal, as the shell expects.
package enum TemporaryFiles {
    static let capacity = 64
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()
    static let lock = NSLock()
    nonisolated(unsafe) static var installed = false
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Takes a slot for `path` (-1 when all are taken: that file is then not cleaned up on a
    /// signal, only by the usual paths) and installs the handlers the first time.
    static func register(_ path: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if !installed {
            _ = slots
            for signal in signals { installHandler(signal) }
            installed = true
        }
        for index in 0..<capacity where slots[index] == nil {
            slots[index] = strdup(path)
            return index
        }
        return -1
    }

    static func unregister(_ slot: Int) {
        guard slot >= 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        let text = slots[slot]
        slots[slot] = nil
        free(text)
    }

    private static func installHandler(_ signal: Int32) {
        setHandler(removeTemporaryFilesAndReraise, for: signal)
    }

    /// What the handler does, callable from a test without a signal.
    package static func removeAll() {
        for index in 0..<capacity {
            if let path = slots[index] { unlink(path) }
        }
    }
}

/// The signal handler: async-signal-safe calls only.
private func removeTemporaryFilesAndReraise(_ signal: Int32) {
    TemporaryFiles.removeAll()
    setHandler(SIG_DFL, for: signal)
    raise(signal)
}

/// Sets what `signal` does, with no signal blocked while it runs (sigaction(2), which is
/// async-signal-safe, so the handler may call it too).
private func setHandler(_ handler: (@convention(c) (Int32) -> Void)?, for signal: Int32) {
    var action = sigaction()
    #if canImport(Glibc)
    action.__sigaction_handler.sa_handler = handler
    #else
    action.__sigaction_u.__sa_handler = handler
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(signal, &action, nil)
}
