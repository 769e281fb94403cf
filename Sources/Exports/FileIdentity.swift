#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file a path names, through links: the device and inode. Two paths name the same
/// file, whatever their spelling, symbolic links or hard links, when these are equal.
package struct FileIdentity: Hashable, Sendable {
    package let device: UInt64
    package let inode: UInt64

    /// The identity of the file at `path` (following links), nil when there is none.
    package static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The first input that is the same file as `output`, nil when none is (or when the
    /// output does not exist yet).
    package static func clash(output: String, inputs: [String]) -> String? {
        guard let target = of(output) else { return nil }
        return inputs.first { of($0) == target }
    }
}
