/// Standard base64 with padding, fed in pieces of any length: up to 2 bytes wait for the next piece.
struct Base64PieceEncoder {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private var carry: [UInt8] = []

    /// The text for `bytes` after any carried bytes; `final` pads the last group.
    mutating func encode(_ bytes: [UInt8], final: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity((carry.count + bytes.count) / 3 * 4 + 4)
        var index = 0
        // Complete the carried group first.
        while !carry.isEmpty, carry.count < 3, index < bytes.count {
            carry.append(bytes[index])
            index += 1
        }
        if carry.count == 3 {
            Self.appendGroup(carry[0], carry[1], carry[2], to: &output)
            carry.removeAll(keepingCapacity: true)
        }
        while index + 3 <= bytes.count {
            Self.appendGroup(bytes[index], bytes[index + 1], bytes[index + 2], to: &output)
            index += 3
        }
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
        return output
    }

    private static func appendGroup(_ first: UInt8, _ second: UInt8, _ third: UInt8, to output: inout [UInt8]) {
        output.append(alphabet[Int(first >> 2)])
        output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
        output.append(alphabet[Int((second & 0x0F) << 2 | third >> 6)])
        output.append(alphabet[Int(third & 0x3F)])
    }
}
