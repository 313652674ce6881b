import AxisProtocol
import Foundation
import SystemSupport

/// The body of an OK getEdoc reply, `{"status":"OK",...,"data":"<base64>"}`, base64-encoding the served envelope
/// while it is sent: neither the reply nor the envelope is ever held in memory or copied to disk.
///
/// The length is known up front from the envelope's size (4 characters per 3 bytes, padded), so the reply carries an
/// exact Content-Length. An envelope that changes size while it is sent makes the server close the connection.
struct GetEdocReplyBody: HTTPBodyProducer {
    let path: String
    let envelopeBytes: Int64
    /// Remove `path` once sent (a temporary served envelope).
    let removeAfterSending: Bool
    private let prefix: [UInt8]
    private let suffix: [UInt8]

    /// Takes the envelope at `path` as it is now.
    init(envelope path: String, removeAfterSending: Bool) throws {
        self.path = path
        envelopeBytes = try FileDescriptor.openForReading(path).1.size
        self.removeAfterSending = removeAfterSending
        (prefix, suffix) = GetEdocReply.jsonParts()
    }

    var length: Int64 { Int64(prefix.count) + (envelopeBytes + 2) / 3 * 4 + Int64(suffix.count) }

    func produce(into write: (UnsafeRawBufferPointer) throws -> Void) throws {
        try prefix.withUnsafeBytes { try write($0) }
        let (input, _) = try FileDescriptor.openForReading(path)
        var encoder = Base64Encoder()
        var read: Int64 = 0
        try input.forEachChunk(limit: envelopeBytes) { chunk in
            read += Int64(chunk.count)
            try encoder.encode(chunk, final: false, into: write)
        }
        guard read == envelopeBytes else {
            throw SystemError(operation: "read (the envelope shrank while sent)", path: path, errno: EIO)
        }
        try encoder.encode(UnsafeRawBufferPointer(start: nil, count: 0), final: true, into: write)
        try suffix.withUnsafeBytes { try write($0) }
    }

    func release() {
        if removeAfterSending { unlink(path) }
    }
}

/// Standard base64 with padding, fed in pieces of any length: up to 2 bytes wait for the next piece.
private struct Base64Encoder {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private var carry: [UInt8] = []
    private var output: [UInt8] = []

    /// Encodes `bytes` (after any carried bytes) and hands the text to `write`; `final` pads the last group.
    mutating func encode(
        _ bytes: UnsafeRawBufferPointer, final: Bool, into write: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity((carry.count + bytes.count) / 3 * 4 + 4)
        var index = 0
        // Complete the carried group first.
        while !carry.isEmpty, carry.count < 3, index < bytes.count {
            carry.append(bytes[index])
            index += 1
        }
        if carry.count == 3 {
            appendGroup(carry[0], carry[1], carry[2])
            carry.removeAll(keepingCapacity: true)
        }
        let start = index
        let taken = Self.alphabet.withUnsafeBufferPointer { alphabet in
            var taken = 0
            while start + taken + 3 <= bytes.count {
                let first = bytes[start + taken]
                let second = bytes[start + taken + 1]
                let third = bytes[start + taken + 2]
                output.append(alphabet[Int(first >> 2)])
                output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
                output.append(alphabet[Int((second & 0x0F) << 2 | third >> 6)])
                output.append(alphabet[Int(third & 0x3F)])
                taken += 3
            }
            return taken
        }
        index += taken
        carry.append(contentsOf: bytes[index...])
        if final, !carry.isEmpty {
            let alphabet = Self.alphabet
            let first = carry[0]
            let second = carry.count > 1 ? carry[1] : 0
            output.append(alphabet[Int(first >> 2)])
            output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
            output.append(carry.count > 1 ? alphabet[Int((second & 0x0F) << 2)] : UInt8(ascii: "="))
            output.append(UInt8(ascii: "="))
            carry.removeAll()
        }
        if !output.isEmpty { try output.withUnsafeBytes { try write($0) } }
    }

    private mutating func appendGroup(_ first: UInt8, _ second: UInt8, _ third: UInt8) {
        let alphabet = Self.alphabet
        output.append(alphabet[Int(first >> 2)])
        output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
        output.append(alphabet[Int((second & 0x0F) << 2 | third >> 6)])
        output.append(alphabet[Int(third & 0x3F)])
    }
}
