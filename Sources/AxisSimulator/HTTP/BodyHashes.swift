import CryptoPrimitives

/// SHA-256 of an upload, and of the upload minus a trailing CRLF (which the Java SDK may add): `sendEdoc` accepts a
/// `hash-file` of either. Computed as the body arrives (``Streaming``), so an upload is never read back to hash it.
public struct BodyHashes: Sendable, Equatable {
    public let full: Digest
    public let withoutTrailingCRLF: Digest?

    /// Hashes a body fed in pieces, in order. The last two bytes seen are held back, so that a copy of the state
    /// before them gives the digest without a trailing CRLF; every other byte is hashed once.
    final class Streaming {
        private let hasher = SHA256()
        /// The last bytes fed, at most two, not hashed yet.
        private var held: [UInt8] = []

        func update(_ bytes: UnsafeRawBufferPointer) {
            guard bytes.count < 2 else {
                held.withUnsafeBytes { hasher.update($0) }
                hasher.update(UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 2)]))
                held = Array(bytes[(bytes.count - 2)...])
                return
            }
            held.append(contentsOf: bytes)
            let extra = held.count - 2
            guard extra > 0 else { return }
            held.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<extra])) }
            held.removeFirst(extra)
        }

        /// Both digests; nothing may be fed afterwards.
        func finish() -> BodyHashes {
            let head = held == [0x0D, 0x0A] ? hasher.copy() : nil
            held.withUnsafeBytes { hasher.update($0) }
            return BodyHashes(full: hasher.finalize(), withoutTrailingCRLF: head?.finalize())
        }
    }
}
