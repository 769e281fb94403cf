/// Text from the data (account names, owners, reasons) goes through here before it
/// reaches the page, so a name like `<script>` is shown, never run.
package enum HTML {
    /// Escapes the five characters that matter in HTML text and quoted attributes (and in
    /// SVG, which is XML): & < > " '.
    package static func escape(_ text: String) -> String {
        // Byte by byte: the five characters are ASCII, and UTF-8 never uses ASCII bytes
        // inside a longer character. Most texts have none of them and come back as they are.
        let special: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        guard text.utf8.contains(where: special) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: bytes += Array("&amp;".utf8)
            case 0x3C: bytes += Array("&lt;".utf8)
            case 0x3E: bytes += Array("&gt;".utf8)
            case 0x22: bytes += Array("&quot;".utf8)
            case 0x27: bytes += Array("&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
