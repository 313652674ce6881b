extension GetEdocReplyScanner {
    /// The first byte of a member's value.
    mutating func beginValue(_ byte: UInt8) throws(AxisReplyError) {
        if Self.isWhitespace(byte) { return }
        if byte == Self.quote {
            switch currentField {
            case .data:
                guard documentBytes == nil else {
                    throw .malformedJSON("a second data member at byte \(position): which document is meant?")
                }
                documentBytes = 0
                decoder = Self.newDecoder()
                beginString(.data)
            case .some(let field):
                beginString(.field(field))
            case nil:
                beginString(.skip)
            }
        } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
            if let currentField, currentField != .data { values[currentField] = nil }
            phase = .inNested
            nestedDepth = 1
            nestedArrays = byte == UInt8(ascii: "[") ? 1 : 0
            nestedInString = false
            nestedEscape = false
        } else if Self.isScalarByte(byte) {
            phase = .inScalar
            captured.removeAll(keepingCapacity: true)
            captured.append(byte)
        } else {
            throw unexpected(byte, expected: "a value")
        }
    }

    /// Ends a number or literal. Numbers are kept as text the way ``ReplyObject`` reads them (`0`, `7.0` → `"7"`);
    /// `null`, `true` and `false` leave the field absent.
    mutating func endScalar() throws(AxisReplyError) {
        let text = String(decoding: captured, as: UTF8.self)
        captured.removeAll(keepingCapacity: true)
        phase = .afterValue
        let value: String?
        switch text {
        case "null", "true", "false":
            value = nil
        default:
            guard let number = Self.numberText(text) else {
                throw .malformedJSON("'\(text)' before byte \(position) is not a JSON value")
            }
            value = number
        }
        guard let currentField, currentField != .data else { return }
        values[currentField] = value
    }

    /// A byte inside a skipped object or array: only strings and brackets matter.
    mutating func nestedByte(_ byte: UInt8) throws(AxisReplyError) {
        if nestedInString {
            if nestedEscape {
                nestedEscape = false
            } else if byte == Self.backslash {
                nestedEscape = true
            } else if byte == Self.quote {
                nestedInString = false
            }
            return
        }
        switch byte {
        case Self.quote:
            nestedInString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard nestedDepth < limits.maxDepth else {
                throw .malformedJSON("values nested deeper than \(limits.maxDepth) levels at byte \(position)")
            }
            if byte == UInt8(ascii: "[") {
                nestedArrays |= 1 << UInt64(nestedDepth)
            } else {
                nestedArrays &= ~(1 << UInt64(nestedDepth))
            }
            nestedDepth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            let isArray = nestedArrays & (1 << UInt64(nestedDepth - 1)) != 0
            guard isArray == (byte == UInt8(ascii: "]")) else {
                throw unexpected(byte, expected: isArray ? "']'" : "'}'")
            }
            nestedDepth -= 1
            if nestedDepth == 0 { phase = .afterValue }
        default:
            return
        }
    }

    /// The field a key names, matched like ``ReplyObject`` keys: ignoring ASCII case, `_` and `-`.
    static func field(named key: [UInt8]) -> Field? {
        var normalized: [UInt8] = []
        normalized.reserveCapacity(key.count)
        for byte in key where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") {
            normalized.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 0x20 : byte)
        }
        switch String(decoding: normalized, as: UTF8.self) {
        case "status": return .status
        case "errorcode": return .errorCode
        case "code": return .code
        case "errordesc": return .errorDesc
        case "errordescription": return .errorDescription
        case "message": return .message
        case "docid": return .docId
        case "data": return .data
        default: return nil
        }
    }

    static func isScalarByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    /// A JSON number as reply text: integral values without a fraction, others as written; nil if not a number.
    static func numberText(_ text: String) -> String? {
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || (0x30...0x39).contains(first),
            text.utf8.allSatisfy({ (0x30...0x39).contains($0) || [0x2B, 0x2D, 0x2E, 0x45, 0x65].contains($0) })
        else { return nil }
        if let integer = Int64(text) { return String(integer) }
        guard let double = Double(text), double.isFinite else { return nil }
        if double.rounded() == double, abs(double) < 1e15 { return String(Int64(double)) }
        return text
    }
}

extension GetEdocReplyScanner.Field: CustomStringConvertible {
    /// The usual spelling of the field's key.
    var description: String {
        switch self {
        case .status: "status"
        case .errorCode: "ErrorCode"
        case .code: "code"
        case .errorDesc: "ErrorDesc"
        case .errorDescription: "ErrorDescription"
        case .message: "message"
        case .docId: "docId"
        case .data: "data"
        }
    }
}
