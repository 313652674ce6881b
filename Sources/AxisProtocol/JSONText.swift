/// Compact JSON text as the axis writes it: no spaces, keys in the order given, strings escaped per RFC 8259.
///
/// Hand-written rather than `JSONSerialization` because the signed header must be reproduced byte for byte and
/// replies should keep the real axis's key order and spelling.
enum JSONText {
    /// A JSON value of the few shapes axis messages use.
    indirect enum Value {
        case string(String)
        case integer(Int)
        case array([Value])
        case object([(key: String, value: Value)])
    }

    /// `text` as a quoted JSON string: `"` and `\` escaped, control characters as `\n`, `\t`... or `\u00XX`.
    /// Everything else, including non-ASCII, is written as itself (UTF-8).
    static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        result += "\""
        return result
    }

    static func render(_ value: Value) -> String {
        switch value {
        case .string(let text): return quoted(text)
        case .integer(let number): return String(number)
        case .array(let elements): return "[" + elements.map(render).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { quoted($0.key) + ":" + render($0.value) }.joined(separator: ",") + "}"
        }
    }

    static func bytes(_ value: Value) -> [UInt8] { Array(render(value).utf8) }
}
