import CryptoPrimitives

/// Reads a getEdoc reply as it arrives, in pieces of any size, and decodes the document inside it on the way.
///
/// The reply is one JSON object whose `data` string holds the whole .edxml base64-encoded (possibly hundreds of
/// megabytes). The scanner never holds that string: each piece's base64 text is decoded at once and the document's
/// bytes are handed back to the caller, who writes them to a file. Memory stays bounded whatever the input:
/// - small fields (`status`, `ErrorCode`, `ErrorDesc`, `docId` and their liberal spellings) are kept up to
///   ``Limits/maxFieldBytes`` each, and a longer one is an error;
/// - other members are skipped without being stored; keys longer than 64 bytes cannot name a field and are skipped;
/// - nested objects and arrays are skipped up to ``Limits/maxDepth`` levels.
///
/// Keys are matched like every reply field (ignoring case, `_` and `-`), members may come in any order (`data`
/// before `status` is common), and JSON escapes are resolved everywhere, including inside the base64 text (`\/`,
/// `\n`, `\r`, `\u00XX`). The caller judges the result with ``Outcome/requireDocument()``; until then the decoded
/// bytes may belong to a FAIL reply or a broken one, so they must go to a temporary file.
///
/// Usage: call ``consume(_:into:)`` for every piece, then ``finish(into:)`` once. After a thrown error the scanner
/// keeps throwing it.
public struct GetEdocReplyScanner: Sendable {
    public struct Limits: Sendable, Equatable {
        /// Longest value kept for a small field; a longer one makes the reply malformed.
        public var maxFieldBytes: Int
        /// Deepest nesting accepted inside a skipped object or array value (at most 64).
        public var maxDepth: Int

        public init(maxFieldBytes: Int = 64 << 10, maxDepth: Int = 64) {
            self.maxFieldBytes = max(1, maxFieldBytes)
            self.maxDepth = min(max(1, maxDepth), 64)
        }
    }

    /// What a complete reply said. It is not judged: see ``requireDocument()``.
    public struct Outcome: Sendable, Equatable {
        public let reply: AxisReply
        /// The reply's `docId` (any spelling), if it has one.
        public let docId: String?
        /// Bytes decoded from the `data` string; nil when the reply has no `data` string.
        public let documentBytes: Int64?

        /// The document's size, after checking that the reply is OK and carries `data`.
        ///
        /// - Throws: ``AxisReplyError/fail(_:)`` unless the reply is OK, ``AxisReplyError/missingField(_:)`` when it
        ///   has no `data` string.
        public func requireDocument() throws(AxisReplyError) -> Int64 {
            try reply.requireOK()
            guard let documentBytes else { throw .missingField("data") }
            return documentBytes
        }
    }

    /// The reply members the scanner keeps.
    enum Field: Hashable, Sendable {
        case status, errorCode, code, errorDesc, errorDescription, message, docId, data
    }

    enum Phase: Equatable, Sendable {
        /// Before `{`: whitespace and a UTF-8 byte order mark allowed.
        case start
        /// After `{`: a key or `}`.
        case beforeFirstKey
        /// After `,`: a key.
        case beforeKey
        case inString
        case afterKey
        case beforeValue
        /// A number or `true`/`false`/`null`.
        case inScalar
        /// Inside a skipped object or array value.
        case inNested
        case afterValue
        /// After the closing `}`: whitespace only.
        case end
        /// The body does not start like JSON; only the excerpt is still being collected.
        case notJSON
        /// The body is JSON but not an object; only the excerpt is still being collected.
        case notAnObject
    }

    /// Where the characters of the current string go.
    enum Target: Equatable, Sendable {
        case key
        case field(Field)
        case data
        case skip
    }

    enum Escape: Equatable, Sendable {
        case none
        case backslash
        case unicode(digits: Int, value: UInt32)
    }

    static let maxKeyBytes = 64
    static let maxScalarBytes = 64

    let limits: Limits
    var phase = Phase.start
    var failure: AxisReplyError?
    /// Bytes consumed so far.
    var position: Int64 = 0
    /// The body's first bytes (one more than an excerpt holds), for the excerpt of a non-JSON reply.
    var head: [UInt8] = []
    var byteOrderMarkProgress = 0

    var target = Target.skip
    var escape = Escape.none
    /// A `\uD8xx` waiting for its low half.
    var highSurrogate: UInt32?
    /// The current key, field value or scalar, as UTF-8.
    var captured: [UInt8] = []
    var keyTooLong = false
    /// The field named by the key being read a value for; nil for a member the scanner skips.
    var currentField: Field?
    var values: [Field: String] = [:]

    var decoder = Self.newDecoder()
    var documentBytes: Int64?

    var nestedDepth = 0
    /// Bit n set: nesting level n+1 is an array.
    var nestedArrays: UInt64 = 0
    var nestedInString = false
    var nestedEscape = false

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Reads the next piece of the reply, appending the document bytes it completes to `document`.
    ///
    /// - Throws: ``AxisReplyError/notJSON(excerpt:)`` or ``AxisReplyError/notAnObject(excerpt:)`` once 201 bytes
    ///   of a body that is not a JSON object have arrived, ``AxisReplyError/malformedJSON(_:)`` at the first byte
    ///   that breaks the syntax or a limit, ``AxisReplyError/invalidBase64(offset:)`` at broken base64.
    public mutating func consume(_ bytes: UnsafeRawBufferPointer, into document: inout [UInt8]) throws(AxisReplyError) {
        if let failure { throw failure }
        do throws(AxisReplyError) {
            try scan(bytes, into: &document)
        } catch {
            failure = error
            throw error
        }
    }

    /// Reads the next piece of the reply; see ``consume(_:into:)``.
    public mutating func consume(_ bytes: [UInt8], into document: inout [UInt8]) throws(AxisReplyError) {
        var thrown: AxisReplyError?
        bytes.withUnsafeBytes { buffer in
            do throws(AxisReplyError) { try consume(buffer, into: &document) } catch { thrown = error }
        }
        if let thrown { throw thrown }
    }

    /// Ends the reply and returns what it said.
    ///
    /// - Throws: ``AxisReplyError/notJSON(excerpt:)`` for an empty or non-JSON body,
    ///   ``AxisReplyError/notAnObject(excerpt:)``, ``AxisReplyError/malformedJSON(_:)`` for a reply cut short.
    public mutating func finish() throws(AxisReplyError) -> Outcome {
        if let failure { throw failure }
        switch phase {
        case .end:
            return Outcome(
                reply: AxisReply(
                    status: values[.status] ?? "",
                    errorCode: values[.errorCode] ?? values[.code] ?? "",
                    errorDescription: values[.errorDesc] ?? values[.errorDescription] ?? values[.message] ?? ""),
                docId: values[.docId], documentBytes: documentBytes)
        case .start, .notJSON:
            failure = .notJSON(excerpt: AxisReplyError.excerpt(head))
        case .notAnObject:
            failure = .notAnObject(excerpt: AxisReplyError.excerpt(head))
        default:
            let place = phase == .inString && target == .data ? "inside the data string" : "before the object closed"
            failure = .malformedJSON("the reply ends after \(position) bytes, \(place) (the transfer was cut short?)")
        }
        throw failure ?? .malformedJSON("unfinished reply")
    }

    private mutating func scan(_ bytes: UnsafeRawBufferPointer, into document: inout [UInt8]) throws(AxisReplyError) {
        // One byte past the excerpt's length, so the excerpt shows that it was cut.
        if head.count <= AxisReplyError.excerptLimit {
            head.append(contentsOf: bytes.prefix(AxisReplyError.excerptLimit + 1 - head.count))
        }
        var index = 0
        while index < bytes.count {
            if phase == .inString, target == .data, escape == .none {
                // The bulk of the reply: a run of base64 text up to the next quote or escape, decoded in one go.
                var end = index
                while end < bytes.count, bytes[end] != Self.quote, bytes[end] != Self.backslash { end += 1 }
                if end > index {
                    try decodeData(UnsafeRawBufferPointer(rebasing: bytes[index..<end]), into: &document)
                    position += Int64(end - index)
                    index = end
                    continue
                }
            }
            try step(bytes[index], into: &document)
            position += 1
            index += 1
        }
        if phase == .notJSON || phase == .notAnObject, head.count > AxisReplyError.excerptLimit {
            let excerpt = AxisReplyError.excerpt(head)
            throw phase == .notJSON ? .notJSON(excerpt: excerpt) : .notAnObject(excerpt: excerpt)
        }
    }

    /// Advances the syntax by one byte.
    mutating func step(_ byte: UInt8, into document: inout [UInt8]) throws(AxisReplyError) {
        switch phase {
        case .start:
            if position < 3, position == Int64(byteOrderMarkProgress), byte == Self.byteOrderMark[Int(position)] {
                byteOrderMarkProgress += 1
            } else if byteOrderMarkProgress == 1 || byteOrderMarkProgress == 2 {
                phase = .notJSON
            } else if Self.isWhitespace(byte) {
                return
            } else if byte == UInt8(ascii: "{") {
                phase = .beforeFirstKey
            } else {
                phase = byte == UInt8(ascii: "[") ? .notAnObject : .notJSON
            }
        case .beforeFirstKey, .beforeKey:
            if Self.isWhitespace(byte) { return }
            if byte == Self.quote {
                beginString(.key)
            } else if byte == UInt8(ascii: "}"), phase == .beforeFirstKey {
                phase = .end
            } else {
                throw unexpected(byte, expected: phase == .beforeKey ? "a key after ','" : "a key or '}'")
            }
        case .inString:
            try stringByte(byte, into: &document)
        case .afterKey:
            if Self.isWhitespace(byte) { return }
            guard byte == UInt8(ascii: ":") else { throw unexpected(byte, expected: "':' after the key") }
            phase = .beforeValue
        case .beforeValue:
            try beginValue(byte)
        case .inScalar:
            if Self.isScalarByte(byte) {
                guard captured.count < Self.maxScalarBytes else {
                    throw .malformedJSON(
                        "a number or literal longer than \(Self.maxScalarBytes) bytes at byte \(position)")
                }
                captured.append(byte)
                return
            }
            try endScalar()
            try step(byte, into: &document)
        case .inNested:
            try nestedByte(byte)
        case .afterValue:
            if Self.isWhitespace(byte) { return }
            if byte == UInt8(ascii: ",") {
                phase = .beforeKey
            } else if byte == UInt8(ascii: "}") {
                phase = .end
            } else {
                throw unexpected(byte, expected: "',' or '}' after a value")
            }
        case .end:
            guard Self.isWhitespace(byte) else { throw unexpected(byte, expected: "nothing after the reply object") }
        case .notJSON, .notAnObject:
            return
        }
    }

    func unexpected(_ byte: UInt8, expected: String) -> AxisReplyError {
        let shown =
            (0x21...0x7E).contains(byte)
            ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        return .malformedJSON("\(shown) at byte \(position) where \(expected) should be")
    }

    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
