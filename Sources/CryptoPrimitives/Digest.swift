/// A message digest (SHA-256 here) with the two hex spellings lienthong needs.
public struct Digest: Hashable, Sendable {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Lowercase hex with two digits per byte: what `sha256sum` prints.
    public var hex: String { Hex.encode(bytes) }

    /// The axis's `hash-file` spelling: each byte as Java's `Integer.toHexString`, without zero padding,
    /// so byte `0x0a` becomes `a` and the string may be shorter than 64 characters.
    /// The national axis compares this exact string; see axis-protocol.md section 3.
    public var javaLossyHex: String {
        var result = ""
        result.reserveCapacity(bytes.count * 2)
        for byte in bytes { result += String(byte, radix: 16) }
        return result
    }
}
