import Foundation

/// An RFC 7512 PKCS#11 URI naming the agency key on a token, e.g. `pkcs11:token=agency;object=agency-key;id=%01`.
///
/// Understood path attributes: `token`, `manufacturer`, `serial`, `model` (which token) and `object`, `id`,
/// `type` (which key; `type` may only be `private`). Values are percent-decoded (`%20`, and `id` is usually written
/// byte by byte: `id=%01%a3`). Refused: `pin-value` and `pin-source` (the PIN comes from `signing.password_file` or
/// `signing.password_credential`, never from the configuration file), `module-name`/`module-path` (use
/// `signing.pkcs11_module`), and any other attribute, which RFC 7512 says must make the URI match nothing.
public struct PKCS11URI: Sendable, Equatable, CustomStringConvertible {
    public var token: String?
    public var manufacturer: String?
    public var serial: String?
    public var model: String?
    public var object: String?
    public var id: [UInt8]?

    /// The URI as written, for messages (it holds no secret: a PIN is refused).
    public let text: String

    public var description: String { text }

    public init(parsing text: String) throws(PKCS11Error) {
        self.text = text
        func invalid(_ reason: String) -> PKCS11Error { .invalidURI(uri: text, reason: reason) }
        guard text.lowercased().hasPrefix("pkcs11:") else { throw invalid("it does not start with pkcs11:") }
        let body = text.dropFirst("pkcs11:".count)
        let parts = body.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts[0]
        let query = parts.count > 1 ? parts[1] : ""
        var seen: Set<String> = []
        for (attributes, separator) in [(path, Character(";")), (query, Character("&"))] {
            for attribute in attributes.split(separator: separator) {
                guard let equals = attribute.firstIndex(of: "=") else {
                    throw invalid("'\(attribute)' has no '='")
                }
                let name = attribute[..<equals].lowercased()
                let rawValue = attribute[attribute.index(after: equals)...]
                guard seen.insert(name).inserted else { throw invalid("\(name) appears twice") }
                switch name {
                case "pin-value", "pin-source":
                    throw .invalidURI(
                        uri: Self.withoutPIN(text),
                        reason: "a PIN must not be written in the configuration file; remove \(name) and put "
                            + "the PIN in signing.password_file (one line, chmod 600) or a systemd credential "
                            + "named by signing.password_credential")
                case "module-name", "module-path":
                    throw invalid("\(name) is not used; name the module with signing.pkcs11_module")
                default:
                    break
                }
                let value = try Self.percentDecoded(rawValue, uri: text)
                switch name {
                case "token": token = try Self.text(value, name, uri: text)
                case "manufacturer": manufacturer = try Self.text(value, name, uri: text)
                case "serial": serial = try Self.text(value, name, uri: text)
                case "model": model = try Self.text(value, name, uri: text)
                case "object": object = try Self.text(value, name, uri: text)
                case "id": id = value
                case "type":
                    guard value == Array("private".utf8) else {
                        throw invalid("type must be 'private': the URI names the signing key, not its certificate")
                    }
                default:
                    throw invalid(
                        "the attribute '\(name)' is not supported (supported: token, manufacturer, serial, model, "
                            + "object, id, type)")
                }
            }
        }
        guard object != nil || id != nil else {
            throw invalid("it names no key; add object=<label> or id=<id> of the private key")
        }
    }

    /// What the key search looks for, for messages: `private key with label 'agency-key' and id 01`.
    var keyDescription: String {
        var criteria: [String] = []
        if let object { criteria.append("label '\(object)'") }
        if let id { criteria.append("id \(id.map { String($0, radix: 16).leftPadded(to: 2) }.joined())") }
        return "private key with " + criteria.joined(separator: " and ")
    }

    /// What the token search looks for, for messages: `token=agency`.
    var tokenDescription: String {
        let criteria = [("token", token), ("manufacturer", manufacturer), ("serial", serial), ("model", model)]
            .compactMap { name, value in value.map { "\(name)=\($0)" } }
        return criteria.isEmpty ? "the URI (any token)" : criteria.joined(separator: ";")
    }

    /// Whether a token with these (blank-trimmed) fields is the one the URI names.
    func matches(label: String, manufacturer: String, serial: String, model: String) -> Bool {
        (token == nil || token == label) && (self.manufacturer == nil || self.manufacturer == manufacturer)
            && (self.serial == nil || self.serial == serial) && (self.model == nil || self.model == model)
    }

    private static func text(_ bytes: [UInt8], _ name: String, uri: String) throws(PKCS11Error) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidURI(uri: uri, reason: "the value of \(name) is not UTF-8")
        }
        return text
    }

    private static func percentDecoded(_ value: Substring, uri: String) throws(PKCS11Error) -> [UInt8] {
        var bytes: [UInt8] = []
        var utf8 = Array(value.utf8)[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard utf8.count >= 2, let high = hexValue(utf8.removeFirst()), let low = hexValue(utf8.removeFirst())
            else { throw .invalidURI(uri: uri, reason: "'%' must be followed by two hexadecimal digits") }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The URI with the values of `pin-value` and `pin-source` blanked, so that a refusal does not repeat them.
    private static func withoutPIN(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "pin-", options: .caseInsensitive) {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            guard let equals = rest.firstIndex(of: "=") else { continue }
            result += rest[...equals] + "…"
            rest = rest[rest.index(after: equals)...]
            let end = rest.firstIndex { $0 == ";" || $0 == "&" || $0 == "?" } ?? rest.endIndex
            rest = rest[end...]
        }
        return result + rest
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
