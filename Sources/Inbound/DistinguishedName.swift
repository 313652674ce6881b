import Foundation

/// The attributes of a certificate subject in the one-line RFC 2253 form the Signing module prints
/// (`CN=Văn phòng UBND tỉnh Nghệ An, O=UBND tỉnh Nghệ An, C=VN`), for the signer's name and organisation.
struct DistinguishedName: Equatable {
    /// `(type, value)` in the order written, values unescaped.
    let attributes: [(type: String, value: String)]

    /// Splits on `, ` and ` + ` that are not escaped, and undoes RFC 2253 escapes (`\,`, `\\`, `\2C`).
    /// Anything it cannot understand stays in the value as written; it never fails.
    init(_ text: String) {
        var attributes: [(String, String)] = []
        var current: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        func flush() {
            let piece = String(decoding: current, as: UTF8.self)
            current = []
            guard let equals = piece.firstIndex(of: "=") else { return }
            let type = piece[..<equals].trimmingCharacters(in: .whitespaces)
            let value = String(piece[piece.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            if !type.isEmpty { attributes.append((type, value)) }
        }
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\\"):
                guard let next = bytes.first else { break }
                if let high = Self.hexValue(next), bytes.count >= 2,
                    let low = Self.hexValue(bytes[bytes.startIndex + 1])
                {
                    current.append(high << 4 | low)
                    bytes = bytes.dropFirst(2)
                } else {
                    current.append(next)
                    bytes = bytes.dropFirst()
                }
            case UInt8(ascii: ","), UInt8(ascii: "+"):
                flush()
            default:
                current.append(byte)
            }
        }
        flush()
        self.attributes = attributes
    }

    /// The first value of `type` (`CN`, `O`, …), compared without regard to case.
    func value(_ type: String) -> String? {
        attributes.first { $0.type.caseInsensitiveCompare(type) == .orderedSame }?.value
    }

    var commonName: String? { value("CN") }
    var organization: String? { value("O") }

    static func == (lhs: DistinguishedName, rhs: DistinguishedName) -> Bool {
        lhs.attributes.elementsEqual(rhs.attributes) { $0.type == $1.type && $0.value == $1.value }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
