/// A recursive-descent parser for PDF objects over a window of a file's bytes.
///
/// The window may end in the middle of an object: the parser then throws ``Failure/truncated`` and the caller
/// retries with a larger window (bounded by ``PDFLimits/maxObjectBytes``). Nesting is bounded by `maxDepth`.
struct PDFParser {
    enum Failure: Error, Equatable {
        /// The window ended before the object did.
        case truncated
        case syntax(String)
        case tooDeep
    }

    let bytes: [UInt8]
    var position: Int
    let maxDepth: Int

    init(bytes: [UInt8], position: Int = 0, maxDepth: Int = PDFLimits.standard.maxDepth) {
        self.bytes = bytes
        self.position = position
        self.maxDepth = maxDepth
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"):
            return true
        default:
            return false
        }
    }

    static func isRegular(_ byte: UInt8) -> Bool { !isWhitespace(byte) && !isDelimiter(byte) }

    /// Skips whitespace and comments.
    mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "%") {
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// The next run of regular characters (a number or keyword) without consuming it, or nil at a delimiter.
    func peekToken() -> ArraySlice<UInt8>? {
        var end = position
        while end < bytes.count, Self.isRegular(bytes[end]) { end += 1 }
        return end > position ? bytes[position..<end] : nil
    }

    /// Consumes `keyword` (after whitespace) when it is next, as a whole token.
    mutating func consumeKeyword(_ keyword: String) throws(Failure) -> Bool {
        skipWhitespace()
        let utf8 = Array(keyword.utf8)
        guard position + utf8.count <= bytes.count else { throw .truncated }
        guard Array(bytes[position..<position + utf8.count]) == utf8 else { return false }
        let after = position + utf8.count
        if after < bytes.count, Self.isRegular(bytes[after]) { return false }
        position = after
        return true
    }

    /// Reads `number generation obj` and returns the object's identity.
    mutating func parseObjectHeader() throws(Failure) -> PDFReference {
        skipWhitespace()
        guard case .integer(let number) = try parseNumberOrKeyword(), number >= 0 else {
            throw .syntax("expected an object number")
        }
        skipWhitespace()
        guard case .integer(let generation) = try parseNumberOrKeyword(), generation >= 0 else {
            throw .syntax("expected a generation number")
        }
        guard try consumeKeyword("obj") else { throw .syntax("expected 'obj'") }
        return PDFReference(number: number, generation: generation)
    }

    /// Parses one object, resolving `N G R` into a reference.
    mutating func parseObject(depth: Int = 0) throws(Failure) -> PDFObject {
        guard depth < maxDepth else { throw .tooDeep }
        skipWhitespace()
        guard position < bytes.count else { throw .truncated }
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "/"):
            return .name(try parseName())
        case UInt8(ascii: "("):
            return .string(try parseLiteralString())
        case UInt8(ascii: "["):
            position += 1
            var items: [PDFObject] = []
            while true {
                skipWhitespace()
                guard position < bytes.count else { throw .truncated }
                if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                }
                items.append(try parseObject(depth: depth + 1))
            }
        case UInt8(ascii: "<"):
            guard position + 1 < bytes.count else { throw .truncated }
            if bytes[position + 1] == UInt8(ascii: "<") { return .dictionary(try parseDictionary(depth: depth)) }
            return .string(try parseHexString())
        default:
            let first = try parseNumberOrKeyword()
            guard case .integer(let number) = first, number >= 0 else { return first }
            // `N G R` is a reference; look ahead without committing.
            let saved = position
            skipWhitespace()
            if let token = peekToken(), let generation = Self.integer(token), generation >= 0 {
                position += token.count
                skipWhitespace()
                if position >= bytes.count { throw .truncated }
                if let keyword = peekToken(), keyword.elementsEqual("R".utf8) {
                    position += 1
                    return .reference(PDFReference(number: number, generation: generation))
                }
            } else if position >= bytes.count {
                throw .truncated
            }
            position = saved
            return first
        }
    }

    private mutating func parseDictionary(depth: Int) throws(Failure) -> PDFDictionary {
        position += 2
        var dictionary = PDFDictionary()
        while true {
            skipWhitespace()
            guard position + 1 < bytes.count else { throw .truncated }
            if bytes[position] == UInt8(ascii: ">") {
                guard bytes[position + 1] == UInt8(ascii: ">") else { throw .syntax("'>' inside a dictionary") }
                position += 2
                return dictionary
            }
            guard bytes[position] == UInt8(ascii: "/") else { throw .syntax("a dictionary key is not a name") }
            let key = try parseName()
            let value = try parseObject(depth: depth + 1)
            // A null value means the key is absent (ISO 32000-1 7.3.7).
            if value != .null { dictionary[key] = value }
        }
    }

    private mutating func parseName() throws(Failure) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        while position < bytes.count, Self.isRegular(bytes[position]) {
            var byte = bytes[position]
            if byte == UInt8(ascii: "#") {
                guard position + 2 < bytes.count else { throw .truncated }
                guard let high = Self.hexValue(bytes[position + 1]), let low = Self.hexValue(bytes[position + 2]) else {
                    throw .syntax("bad #xx escape in a name")
                }
                byte = high << 4 | low
                position += 2
            }
            scalars.append(Unicode.Scalar(byte))
            position += 1
        }
        if position >= bytes.count { throw .truncated }
        return String(scalars)
    }

    private mutating func parseLiteralString() throws(Failure) -> [UInt8] {
        position += 1
        var result: [UInt8] = []
        var nesting = 1
        while true {
            guard position < bytes.count else { throw .truncated }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "("):
                nesting += 1
                result.append(byte)
            case UInt8(ascii: ")"):
                nesting -= 1
                if nesting == 0 { return result }
                result.append(byte)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw .truncated }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case 0x0D:
                    if position < bytes.count, bytes[position] == 0x0A { position += 1 }
                case 0x0A:
                    break
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(escaped - UInt8(ascii: "0"))
                    for _ in 0..<2 {
                        guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[position])
                        else { break }
                        value = value * 8 + Int(bytes[position] - UInt8(ascii: "0"))
                        position += 1
                    }
                    result.append(UInt8(truncatingIfNeeded: value))
                default:
                    result.append(escaped)
                }
            default:
                result.append(byte)
            }
        }
    }

    private mutating func parseHexString() throws(Failure) -> [UInt8] {
        position += 1
        var result: [UInt8] = []
        var pending: UInt8?
        while true {
            guard position < bytes.count else { throw .truncated }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ">") {
                if let pending { result.append(pending << 4) }
                return result
            }
            if Self.isWhitespace(byte) { continue }
            guard let value = Self.hexValue(byte) else { throw .syntax("non-hex character in a hex string") }
            if let high = pending {
                result.append(high << 4 | value)
                pending = nil
            } else {
                pending = value
            }
        }
    }

    /// A number, `true`, `false`, `null`, or throws for any other keyword.
    private mutating func parseNumberOrKeyword() throws(Failure) -> PDFObject {
        guard let token = peekToken() else {
            if position >= bytes.count { throw .truncated }
            throw .syntax("unexpected '\(Character(Unicode.Scalar(bytes[position])))'")
        }
        if position + token.count >= bytes.count { throw .truncated }
        position += token.count
        if let value = Self.integer(token) { return .integer(value) }
        if Self.isReal(token) { return .real(String(decoding: token, as: UTF8.self)) }
        switch String(decoding: token, as: UTF8.self) {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "null": return .null
        case let other: throw .syntax("unexpected keyword '\(other.prefix(20))'")
        }
    }

    static func integer(_ token: ArraySlice<UInt8>) -> Int? {
        guard !token.isEmpty, token.count <= 18 else { return nil }
        var digits = token[...]
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return negative ? -value : value
    }

    private static func isReal(_ token: ArraySlice<UInt8>) -> Bool {
        var sawDigit = false
        var sawPoint = false
        for (index, byte) in zip(token.indices, token) {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "."):
                if sawPoint { return false }
                sawPoint = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if index != token.startIndex { return false }
            default: return false
            }
        }
        return sawDigit
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
