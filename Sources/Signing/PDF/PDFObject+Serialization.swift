extension PDFObject {
    /// The object in PDF syntax. Strings are written as hex strings (exact for any bytes), names with `#xx`
    /// escapes where needed.
    var serialized: [UInt8] {
        var output: [UInt8] = []
        serialize(into: &output)
        return output
    }

    func serialize(into output: inout [UInt8]) {
        switch self {
        case .null: output += Array("null".utf8)
        case .boolean(let value): output += Array((value ? "true" : "false").utf8)
        case .integer(let value): output += Array(String(value).utf8)
        case .real(let text): output += Array(text.utf8)
        case .string(let bytes): Self.serializeHexString(bytes, into: &output)
        case .name(let name): Self.serializeName(name, into: &output)
        case .reference(let reference): output += Array("\(reference.number) \(reference.generation) R".utf8)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(0x20) }
                item.serialize(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .dictionary(let dictionary):
            output += Array("<<".utf8)
            for entry in dictionary.entries {
                Self.serializeName(entry.key, into: &output)
                output.append(0x20)
                entry.value.serialize(into: &output)
            }
            output += Array(">>".utf8)
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    static func serializeHexString(_ bytes: [UInt8], into output: inout [UInt8]) {
        output.append(UInt8(ascii: "<"))
        for byte in bytes {
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
        output.append(UInt8(ascii: ">"))
    }

    static func serializeName(_ name: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "/"))
        for scalar in name.unicodeScalars {
            let byte = UInt8(truncatingIfNeeded: scalar.value)
            if byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "#"), PDFParser.isRegular(byte) {
                output.append(byte)
            } else {
                output += [UInt8(ascii: "#"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
    }

    /// A PDF text string: ASCII stays as is, anything else becomes UTF-16BE with a byte order mark.
    static func textString(_ text: String) -> PDFObject {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            return .string(Array(text.utf8))
        }
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        return .string(bytes)
    }
}
