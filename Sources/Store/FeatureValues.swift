import Foundation

/// A run's feature values for one account, packed as little-endian 64-bit floats (NaN
/// where missing): exact, and a tenth of the size of the same numbers as text.
enum FeatureValues {
    static func pack(_ values: [Double], into bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }

    static func unpack(_ bytes: UnsafeRawBufferPointer) -> [Double] {
        (0..<bytes.count / 8).map { index in
            Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
        }
    }

    static func unpack(_ data: Data) -> [Double] { data.withUnsafeBytes { unpack($0) } }
}
