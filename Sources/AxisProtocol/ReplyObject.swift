import Foundation

/// A JSON object from an axis reply, read liberally.
///
/// Keys are matched ignoring case, `_` and `-` (so `docId`, `docid`, `DocId` and `doc_id` are one key), and scalar
/// values are read as text whether they arrived as strings or numbers (integral numbers without a fraction).
struct ReplyObject {
    private let members: [String: Any]

    init(_ members: [String: Any]) {
        var normalized: [String: Any] = [:]
        for (key, value) in members { normalized[Self.normalize(key)] = value }
        self.members = normalized
    }

    /// Parses `bytes` as a JSON object (leading/trailing whitespace and a UTF-8 BOM tolerated).
    static func parse(_ bytes: [UInt8]) throws(AxisReplyError) -> ReplyObject {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            throw .notJSON(excerpt: AxisReplyError.excerpt(bytes))
        }
        guard let object = parsed as? [String: Any] else { throw .notAnObject(excerpt: AxisReplyError.excerpt(bytes)) }
        return ReplyObject(object)
    }

    static func normalize(_ key: String) -> String {
        String(key.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
    }

    /// The first of `keys` that is present, as text; nil if none is present or the value is null/structured.
    func string(_ keys: String...) -> String? {
        for key in keys {
            guard let value = members[Self.normalize(key)] else { continue }
            if let text = Self.text(value) { return text }
        }
        return nil
    }

    func array(_ key: String) -> [Any]? { members[Self.normalize(key)] as? [Any] }

    func has(_ key: String) -> Bool { members[Self.normalize(key)] != nil }

    static func text(_ value: Any) -> String? {
        switch value {
        case let text as String: return text
        case let integer as Int: return String(integer)
        case let number as NSNumber:
            let double = number.doubleValue
            if double.rounded() == double, abs(double) < 1e15 { return String(Int64(double)) }
            return number.stringValue
        default: return nil
        }
    }
}
