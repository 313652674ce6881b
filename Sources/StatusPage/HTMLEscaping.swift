extension String {
    /// The text with `&`, `<`, `>`, `"` and `'` replaced by character references: safe between tags and inside
    /// quoted attribute values. Every value the page shows goes through it; the page's own markup never does.
    var htmlEscaped: String {
        var escaped = ""
        escaped.reserveCapacity(utf8.count)
        for character in unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
