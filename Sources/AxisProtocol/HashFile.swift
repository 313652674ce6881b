import CryptoPrimitives

/// The `hash-file` header of `sendEdoc`: SHA-256 of the .edxml written the Java SDK's lossy way.
///
/// Each byte is `Integer.toHexString`, without zero padding (byte `0x0a` → `a`), so the text may be shorter than
/// 64 characters and is not decodable. The axis compares the string, so it must be reproduced exactly.
public enum HashFile {
    public static func value(of digest: Digest) -> String { digest.javaLossyHex }

    /// The `hash-file` of an in-memory body (for the simulator and tests).
    public static func value<Bytes: Sequence>(ofBytes bytes: Bytes) -> String where Bytes.Element == UInt8 {
        SHA256.hash(bytes).javaLossyHex
    }

    /// Computes `hash-file` over a stream fed in chunks (a file read piece by piece). Use one per stream.
    public final class Streaming {
        private let hasher = SHA256()

        public init() {}

        public func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bytes) }

        /// The `hash-file` value; the instance must not be fed afterwards.
        public func finalize() -> String { hasher.finalize().javaLossyHex }
    }
}
