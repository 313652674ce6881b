import Foundation

/// The reply to `getEdoc`: the common fields plus `data`, the whole .edxml base64-encoded inside one JSON string.
///
/// Such replies can be hundreds of megabytes, so this type never builds a JSON tree of them: ``locateData(in:)``
/// finds the raw extent of the `data` string in the body, and ``Base64StreamDecoder`` decodes it in chunks.
public enum GetEdocReply {
    /// Where the base64 text sits in a getEdoc body, and the reply's common fields.
    public struct Located: Sendable, Equatable {
        public let reply: AxisReply
        /// Byte range of the `data` string's contents (between the quotes, JSON escapes still in place).
        public let base64Range: Range<Int>
    }

    /// Scans a getEdoc body for its top-level `data` string (key matched liberally, like every reply field).
    ///
    /// - Throws: ``AxisReplyError/fail(_:)`` for a FAIL reply, ``AxisReplyError/missingField(_:)`` when there is
    ///   no `data` string, ``AxisReplyError/notJSON(excerpt:)`` when the body is not a JSON object.
    public static func locateData(in body: [UInt8]) throws(AxisReplyError) -> Located {
        var scanner = TopLevelScanner(bytes: body)
        guard let members = scanner.members() else { throw .notJSON(excerpt: AxisReplyError.excerpt(body)) }
        let data = members.first { member in
            ReplyObject.normalize(String(decoding: body[member.key], as: UTF8.self)) == "data"
                && member.isString
        }
        // The reply without the big string: small enough for JSONSerialization.
        var rest: [UInt8]
        if let data {
            rest = Array(body[..<(data.value.lowerBound - 1)])
            rest += [UInt8(ascii: "\""), UInt8(ascii: "\"")]
            rest += body[(data.value.upperBound + 1)...]
        } else {
            rest = body
        }
        let reply = try AxisReply.parse(rest)
        try reply.requireOK()
        guard let data else { throw .missingField("data") }
        return Located(reply: reply, base64Range: data.value)
    }

    /// An OK getEdoc reply carrying `edxml` (for the simulator and tests).
    public static func jsonBytes(edxml: [UInt8]) -> [UInt8] {
        let parts = jsonParts()
        return parts.prefix + Array(Data(edxml).base64EncodedData()) + parts.suffix
    }

    /// The bytes before and after the base64 text of an OK reply, so a server can stream a large file between them.
    public static func jsonParts(reply: AxisReply = .ok) -> (prefix: [UInt8], suffix: [UInt8]) {
        let members = reply.jsonMembers.map { JSONText.quoted($0.key) + ":" + JSONText.render($0.value) }
        return (Array(("{" + members.joined(separator: ",") + ",\"data\":\"").utf8), Array("\"}".utf8))
    }
}

/// Finds the members of a top-level JSON object without decoding values: each key's and value's byte range.
private struct TopLevelScanner {
    struct Member {
        /// Contents of the key string, between the quotes.
        let key: Range<Int>
        /// For a string value: its contents between the quotes; otherwise the whole value.
        let value: Range<Int>
        let isString: Bool
    }

    let bytes: [UInt8]
    var index = 0

    mutating func members() -> [Member]? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        skipWhitespace()
        guard consume(UInt8(ascii: "{")) else { return nil }
        var members: [Member] = []
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return members }
        while true {
            skipWhitespace()
            guard let key = string() else { return nil }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { return nil }
            skipWhitespace()
            if let value = string() {
                members.append(Member(key: key, value: value, isString: true))
            } else {
                let start = index
                guard skipValue() else { return nil }
                members.append(Member(key: key, value: start..<index, isString: false))
            }
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "}")) ? members : nil
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// A string's contents range, leaving `index` after the closing quote; nil (index unchanged) if none.
    private mutating func string() -> Range<Int>? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var cursor = start
        while cursor < bytes.count {
            switch bytes[cursor] {
            case UInt8(ascii: "\\"): cursor += 2
            case UInt8(ascii: "\""):
                index = cursor + 1
                return start..<cursor
            default: cursor += 1
            }
        }
        return nil
    }

    /// Skips a number, literal, object or array (strings inside are honoured).
    private mutating func skipValue() -> Bool {
        var depth = 0
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                guard string() != nil else { return false }
                if depth == 0 { return true }
                continue
            }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return index > start }
                depth -= 1
                if depth == 0 {
                    index += 1
                    return true
                }
            case UInt8(ascii: ","):
                if depth == 0 { return index > start }
            default: break
            }
            index += 1
        }
        return false
    }
}
