/// Escaping that keeps one log record on one line, whatever a message or value contains.
///
/// File names written by clerks or sent by other agencies may contain newlines, carriage returns, terminal escape
/// sequences, NUL or Unicode line separators. They are written as C-style escapes (`\n`, `\r`, `\t`, `\\`, `\x1b`,
/// `\u{2028}`) so that journald never splits the record and a terminal never interprets what a file name carries.
/// Backslash itself is escaped, so the escaped text maps back to exactly one original.
enum LogEscaping {
    /// Escapes control characters (C0, DEL, C1), Unicode line and paragraph separators, and backslash.
    /// With `quotes`, `"` is escaped as well (for text that is put between double quotes).
    static func escape(_ text: String, quotes: Bool = false) -> String {
        let shouldEscape = { (scalar: Unicode.Scalar) in Self.needsEscape(scalar) || (quotes && scalar == "\"") }
        guard text.unicodeScalars.contains(where: shouldEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard shouldEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            default:
                if scalar.value < 0x100 {
                    result += "\\x" + hex(scalar.value, digits: 2)
                } else {
                    result += "\\u{" + hex(scalar.value, digits: 4) + "}"
                }
            }
        }
        return result
    }

    /// A metadata value as printed after `key=`: escaped, and in double quotes (with `"` escaped) when it is empty
    /// or contains a space, `=` or `"`, so that `key=value` pairs can be split again reliably.
    static func value(_ text: String) -> String {
        let escaped = escape(text)
        let needsQuotes =
            escaped.isEmpty
            || escaped.unicodeScalars.contains { $0 == " " || $0 == "=" || $0 == "\"" || $0.properties.isWhitespace }
        guard needsQuotes else { return escaped }
        return "\"" + escape(text, quotes: true) + "\""
    }

    /// A metadata key as printed before `=`: escaped, with spaces, `=` and quotes replaced by `_`.
    static func key(_ text: String) -> String {
        let escaped = escape(text)
        guard !escaped.isEmpty else { return "_" }
        return String(
            String.UnicodeScalarView(
                escaped.unicodeScalars.map { $0 == "=" || $0 == "\"" || $0.properties.isWhitespace ? "_" : $0 }
            )
        )
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return true
        case 0x5C: return true
        default: return false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
