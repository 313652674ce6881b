import Foundation

/// A receipt's JSON object as text: the bytes `JSONSerialization` writes with `.prettyPrinted` and `.sortedKeys`
/// (two-space indents, `"key" : value`, `/` escaped), written directly. Keys are sorted by their bytes, which for
/// receipts' lowercase `snake_case` keys is `JSONSerialization`'s order too (it compares with the system locale and
/// numeric search, so "a9" < "a10" and "file" < "File" there; no receipt key is like that).
///
/// `JSONSerialization` cost 2.75 % of the daemon's CPU in a 1,000-document burst (perf), a third of writing the
/// receipt with its `fsync`s; this is a plain walk over the object. It takes what receipts hold, as built in code or
/// as `JSONSerialization` reads them back: strings, integers (`Int`, and `Int64` for database ids), booleans,
/// `null`, arrays and objects. Anything else (a fraction, say) makes ``encode(_:)`` return nil, and ``ReceiptFile``
/// falls back to `JSONSerialization` (which every receipt took until `Int64` was added here: its `id`).
enum PrettyJSON {
    static func encode(_ object: [String: Any]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        return append(object, indent: 0, to: &output) ? output : nil
    }

    private static func append(_ value: Any, indent: Int, to output: inout [UInt8]) -> Bool {
        switch value {
        // JSONSerialization reads every number as an NSNumber, and one holding 0 or 1 also casts to Bool: only
        // its booleans have their own class.
        case let flag as Bool where type(of: value) == Bool.self || type(of: value) == booleanNumber:
            output += Array((flag ? "true" : "false").utf8)
        case let number as Int:
            output += Array(String(number).utf8)
        case let number as Int64:
            output += Array(String(number).utf8)
        case let text as String:
            appendQuoted(text, to: &output)
        case is NSNull:
            output += Array("null".utf8)
        case let array as [Any]:
            return appendContainer("[", "]", array.map { (key: String?.none, value: $0) }, indent: indent, to: &output)
        case let object as [String: Any]:
            let members = object.sorted { $0.key < $1.key }.map { (key: String?.some($0.key), value: $0.value) }
            return appendContainer("{", "}", members, indent: indent, to: &output)
        default:
            return false
        }
        return true
    }

    /// The class of the `NSNumber`s that hold a boolean.
    private static let booleanNumber: Any.Type = type(of: NSNumber(value: true))

    /// An array (members without keys) or an object: one member per line, an empty one as `[`, a blank line, `]`.
    private static func appendContainer(
        _ open: Unicode.Scalar, _ close: Unicode.Scalar, _ members: [(key: String?, value: Any)], indent: Int,
        to output: inout [UInt8]
    ) -> Bool {
        output += [UInt8(ascii: open), 0x0a]
        if members.isEmpty { output.append(0x0a) }
        for (index, member) in members.enumerated() {
            appendIndent(indent + 1, to: &output)
            if let key = member.key {
                appendQuoted(key, to: &output)
                output += Array(" : ".utf8)
            }
            guard append(member.value, indent: indent + 1, to: &output) else { return false }
            if index < members.count - 1 { output.append(UInt8(ascii: ",")) }
            output.append(0x0a)
        }
        appendIndent(indent, to: &output)
        output.append(UInt8(ascii: close))
        return true
    }

    private static func appendIndent(_ level: Int, to output: inout [UInt8]) {
        output += repeatElement(UInt8(ascii: " "), count: 2 * level)
    }

    /// `"`, `\` and `/` escaped, the control characters as `\n`, `\t`… or `\u00xx`; the rest as UTF-8.
    private static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "/"): output += [UInt8(ascii: "\\"), UInt8(ascii: "/")]
            case 0x0a: output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0d: output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: output += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0c: output += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
