import COpenSSL

/// HMAC-SHA256 through OpenSSL 3's `EVP_Q_mac`.
public enum HMACSHA256 {
    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> Digest {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length = 0
        let result = key.withUnsafeBufferPointer { keyBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                EVP_Q_mac(
                    nil, "HMAC", nil, "SHA256", nil,
                    keyBuffer.baseAddress, keyBuffer.count,
                    messageBuffer.baseAddress, messageBuffer.count,
                    &output, output.count, &length
                )
            }
        }
        precondition(result != nil, "OpenSSL HMAC-SHA256 failed: \(OpenSSLError.current())")
        return Digest(bytes: Array(output.prefix(length)))
    }

    /// Lowercase hex of HMAC-SHA256 over UTF-8 strings, as the axis's `XroadVnpt-hash-header`.
    public static func hex(key: String, message: String) -> String {
        authenticationCode(key: Array(key.utf8), message: Array(message.utf8)).hex
    }
}
