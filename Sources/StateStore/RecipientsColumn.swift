import Foundation

/// The `recipients` column: the agency codes as a JSON list, `["000.00.00.H26","000.00.00.H14"]`.
///
/// Every row read or written goes through here, and `JSONDecoder`/`JSONEncoder` were 1.5 % of the daemon's CPU on
/// inbound documents (perf). Agency codes are plain (digits, letters, dots), so the common case is written and read
/// directly, in exactly the bytes `JSONEncoder` writes; anything else (a quote, a backslash, a slash, non-ASCII) goes
/// through `JSONEncoder`/`JSONDecoder` as before.
enum RecipientsColumn {
    static func encode(_ codes: [String]) throws -> String {
        if codes.allSatisfy(isPlain) { return "[" + codes.map { "\"" + $0 + "\"" }.joined(separator: ",") + "]" }
        return String(decoding: try JSONEncoder().encode(codes), as: UTF8.self)
    }

    /// The codes in `text`, or nil when it is not a JSON list of strings.
    static func decode(_ text: String) -> [String]? {
        if let plain = decodePlain(text) { return plain }
        return try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    /// `text` read as this type writes plain codes, or nil if it is anything else.
    private static func decodePlain(_ text: String) -> [String]? {
        guard text.hasPrefix("["), text.hasSuffix("]"), text.count >= 2 else { return nil }
        let inner = text.dropFirst().dropLast()
        if inner.isEmpty { return [] }
        guard inner.hasPrefix("\""), inner.hasSuffix("\""), inner.count >= 2 else { return nil }
        let codes = inner.dropFirst().dropLast().split(separator: "\",\"", omittingEmptySubsequences: false)
        guard codes.allSatisfy({ isPlain(String($0)) }) else { return nil }
        return codes.map(String.init)
    }

    /// Characters JSON writes as themselves and that cannot hide a separator: ASCII letters, digits, `.`, `-`, `_`
    /// and the space.
    private static func isPlain(_ code: String) -> Bool {
        code.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: " "):
                true
            default: false
            }
        }
    }
}
