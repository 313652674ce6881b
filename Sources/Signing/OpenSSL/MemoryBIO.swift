import COpenSSL
import CryptoPrimitives

/// An owned OpenSSL memory BIO: bytes in, bytes out.
///
/// OpenSSL clears a memory BIO's buffer when it is freed, so key material written here does not linger.
final class MemoryBIO {
    let pointer: OpaquePointer

    init(operation: String) throws(SigningError) {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw .openSSL(operation: operation, error: OpenSSLError.current())
        }
        pointer = bio
    }

    convenience init(bytes: [UInt8], operation: String) throws(SigningError) {
        try self.init(operation: operation)
        let written = bytes.withUnsafeBytes { buffer -> Int32 in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
            return BIO_write(pointer, base, Int32(buffer.count))
        }
        guard written == Int32(bytes.count) else {
            throw .openSSL(operation: operation, error: OpenSSLError.current())
        }
    }

    deinit { BIO_free(pointer) }

    /// Everything written so far.
    var bytes: [UInt8] {
        var data: UnsafeMutablePointer<CChar>?
        let length = COpenSSL_BIO_get_mem_data(pointer, &data)
        guard let data, length > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: data, count: length))
    }

    /// Everything written so far as UTF-8 text; invalid sequences become U+FFFD.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
