import Crypto
import Foundation

/// A model's identity in the store: the SHA-256 of its file's bytes, in hex. Two runs
/// share a model exactly when their model files are byte for byte the same.
enum ModelFingerprint {
    static func of(_ bytes: Data) -> String {
        SHA256.hash(data: bytes).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
        }.joined()
    }
}
