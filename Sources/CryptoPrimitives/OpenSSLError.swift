import COpenSSL

/// The text of OpenSSL's thread-local error queue, drained, for messages and logs.
public struct OpenSSLError: Error, CustomStringConvertible, Sendable {
    public let reasons: [String]

    public var description: String { reasons.isEmpty ? "no OpenSSL error recorded" : reasons.joined(separator: "; ") }

    /// Drains the calling thread's OpenSSL error queue.
    public static func current() -> OpenSSLError {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return OpenSSLError(reasons: reasons)
    }
}
