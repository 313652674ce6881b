import COpenSSL

/// Incremental SHA-256 over OpenSSL's EVP interface.
///
/// Feed any number of chunks with ``update(_:)`` and read the result with ``finalize()``. The type owns its
/// `EVP_MD_CTX` and frees it on deinit; it is not thread-safe, use one per stream.
public final class SHA256 {
    private let context: OpaquePointer

    public init() {
        guard let context = EVP_MD_CTX_new() else { fatalError("OpenSSL could not allocate a digest context") }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(context)
            fatalError("OpenSSL has no SHA-256 implementation: \(OpenSSLError.current())")
        }
        self.context = context
    }

    private init(context: OpaquePointer) {
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// An independent hasher that has seen the same bytes: the digest of a prefix and of the whole in one pass.
    public func copy() -> SHA256 {
        guard let copy = EVP_MD_CTX_new() else { fatalError("OpenSSL could not allocate a digest context") }
        guard EVP_MD_CTX_copy_ex(copy, context) == 1 else {
            EVP_MD_CTX_free(copy)
            fatalError("OpenSSL could not copy a digest context: \(OpenSSLError.current())")
        }
        return SHA256(context: copy)
    }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    public func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    /// Returns the digest. The hasher must not be used afterwards.
    public func finalize() -> Digest {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &output, &length)
        return Digest(bytes: Array(output.prefix(Int(length))))
    }

    /// One-shot digest of an in-memory buffer.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> Digest where Bytes.Element == UInt8 {
        let hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
