/// An axis reply that could not be read, or that reported a failure.
public enum AxisReplyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is not JSON (an HTML error page from a proxy, an empty body...). `excerpt` is the start of the body,
    /// truncated to 200 bytes with control characters replaced.
    case notJSON(excerpt: String)
    /// The body is JSON but not an object.
    case notAnObject(excerpt: String)
    /// The axis answered `status` other than OK or `ErrorCode` other than 0.
    case fail(AxisReply)
    /// sendEdoc answered OK but with an empty or `"0"` `DocId`: the axis did not accept the document.
    case missingDocId(AxisReply)
    /// A field the reply needs is absent or unreadable.
    case missingField(String)
    /// The base64 text of a getEdoc reply is broken at this offset (1-based, counted in the base64 text).
    case invalidBase64(offset: Int)
    /// A getEdoc reply read as it streams in broke off or broke the JSON syntax; `reason` says where and how.
    case malformedJSON(String)

    public var description: String {
        switch self {
        case .notJSON(let excerpt):
            "the axis reply is not JSON (a proxy or gateway error page?); it starts with: \"\(excerpt)\""
        case .notAnObject(let excerpt): "the axis reply is JSON but not an object: \"\(excerpt)\""
        case .fail(let reply):
            "the axis answered \(reply.status) with ErrorCode \(reply.errorCode): \(reply.errorDescription)"
        case .missingDocId(let reply):
            "the axis answered sendEdoc without a DocId (ErrorCode \(reply.errorCode): "
                + "\(reply.errorDescription)); the document was not accepted"
        case .missingField(let name): "the axis reply has no readable '\(name)' field"
        case .invalidBase64(let offset):
            "the document's base64 text in the axis reply is broken at character \(offset)"
        case .malformedJSON(let reason): "the axis reply is not well-formed JSON: \(reason)"
        }
    }

    static let excerptLimit = 200

    /// The start of an untrusted body, safe to put in a log line: at most 200 bytes, decoded as UTF-8 with
    /// replacement, control characters shown as spaces, `…` appended when cut.
    public static func excerpt(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "(empty body)" }
        let cut = bytes.count > excerptLimit
        let text = String(decoding: bytes.prefix(excerptLimit), as: UTF8.self)
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || scalar.properties.generalCategory == .format
            cleaned.append(isControl ? " " : scalar)
        }
        return String(cleaned) + (cut ? "…" : "")
    }
}
