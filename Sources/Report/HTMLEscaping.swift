/// Text from the data (account names, owners, reasons) goes through here before it
/// reaches the page, so a name like `<script>` is shown, never run.
package enum HTML {
    /// Escapes the five characters that matter in HTML text and quoted attributes (and in
    /// SVG, which is XML): & < > " '.
    package static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
