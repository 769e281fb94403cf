import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Just enough PNG decoding to look at a browser screenshot: 8-bit RGB or RGBA, not
/// interlaced. The zlib stream is inflated by the system's libz, loaded at run time, so
/// the package needs no zlib headers.
struct PNGImage {
    let width: Int
    let height: Int
    /// RGB triples, row by row.
    let pixels: [UInt8]

    enum Failure: Error, CustomStringConvertible {
        case notAPNG, unsupported(String), zlibMissing, inflateFailed(Int32)
        var description: String {
            switch self {
            case .notAPNG: "not a PNG file"
            case .unsupported(let what): "unsupported PNG: \(what)"
            case .zlibMissing: "libz.so.1 could not be loaded"
            case .inflateFailed(let code): "zlib uncompress failed with \(code)"
            }
        }
    }

    init(contentsOf path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        guard bytes.count > 8, bytes[0..<8].elementsEqual([137, 80, 78, 71, 13, 10, 26, 10]) else { throw Failure.notAPNG }
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var width = 0, height = 0, channels = 0
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = be32(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let body = offset + 8
            switch type {
            case "IHDR":
                width = be32(body)
                height = be32(body + 4)
                guard bytes[body + 8] == 8 else { throw Failure.unsupported("bit depth \(bytes[body + 8])") }
                switch bytes[body + 9] {
                case 2: channels = 3
                case 6: channels = 4
                default: throw Failure.unsupported("colour type \(bytes[body + 9])")
                }
                guard bytes[body + 12] == 0 else { throw Failure.unsupported("interlaced") }
            case "IDAT":
                compressed.append(contentsOf: bytes[body..<body + length])
            default:
                break
            }
            offset = body + length + 4   // skip the CRC
        }
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        try PNGImage.inflate(compressed, into: &raw)
        // Undo the per-row filters (PNG specification, section 9).
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        var previous = [UInt8](repeating: 0, count: stride)
        var current = [UInt8](repeating: 0, count: stride)
        for row in 0..<height {
            let start = row * (stride + 1)
            let filter = raw[start]
            for i in 0..<stride {
                let x = Int(raw[start + 1 + i])
                let a = i >= channels ? Int(current[i - channels]) : 0
                let b = Int(previous[i])
                let c = i >= channels ? Int(previous[i - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Failure.unsupported("filter \(filter)")
                }
                current[i] = UInt8((x + predictor) & 0xFF)
            }
            for column in 0..<width {
                for k in 0..<3 { rgb[(row * width + column) * 3 + k] = current[column * channels + k] }
            }
            swap(&previous, &current)
        }
        self.width = width
        self.height = height
        pixels = rgb
    }

    private typealias Uncompress = @convention(c) (UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?,
                                                   UnsafePointer<UInt8>?, UInt) -> Int32

    private static func inflate(_ source: [UInt8], into destination: inout [UInt8]) throws {
        guard let library = dlopen("libz.so.1", RTLD_NOW), let symbol = dlsym(library, "uncompress") else {
            throw Failure.zlibMissing
        }
        let uncompress = unsafeBitCast(symbol, to: Uncompress.self)
        var length = UInt(destination.count)
        let status = destination.withUnsafeMutableBufferPointer { out in
            source.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &length, input.baseAddress, UInt(input.count))
            }
        }
        guard status == 0 else { throw Failure.inflateFailed(status) }
    }

    /// Pixels within `tolerance` of a colour, per channel.
    func count(near colour: (UInt8, UInt8, UInt8), tolerance: Int = 12) -> Int {
        var total = 0
        var i = 0
        while i < pixels.count {
            if abs(Int(pixels[i]) - Int(colour.0)) <= tolerance && abs(Int(pixels[i + 1]) - Int(colour.1)) <= tolerance
                && abs(Int(pixels[i + 2]) - Int(colour.2)) <= tolerance { total += 1 }
            i += 3
        }
        return total
    }
}
