import AxisProtocol
import Foundation

extension AxisFaultRule {
    /// Parses the body of `POST /admin/faults`: one rule object, or a list of them.
    public static func parseRequest(_ body: Data) throws(AxisFaultRuleError) -> [AxisFaultRule] {
        let firstByte = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        do {
            if firstByte == UInt8(ascii: "[") {
                return try JSONDecoder().decode([RuleRequest].self, from: body).map(\.rule)
            }
            return [try JSONDecoder().decode(RuleRequest.self, from: body).rule]
        } catch let error as AxisFaultRuleError {
            throw error
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            throw .notJSON("expected an object or a list")
        } catch let DecodingError.dataCorrupted(context) {
            throw .notJSON(context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        } catch {
            throw .notJSON("\(error)")
        }
    }

    static let maximumCount = 1_000_000
    static let maximumDelayMilliseconds = 600_000
}

/// One rule as posted; validation errors are thrown as ``AxisFaultRuleError`` with the field's name.
private struct RuleRequest: Decodable {
    let rule: AxisFaultRule

    init(from decoder: Decoder) throws {
        let fields = try FieldReader(decoder: decoder, path: "")
        try fields.rejectUnknown(["method", "count", "system_id", "fault"])
        let methodName = try fields.requiredString("method")
        guard let method = AxisMethod.allCases.first(where: { $0.rawValue.lowercased() == methodName.lowercased() })
        else {
            let names = AxisMethod.allCases.map(\.rawValue).joined(separator: ", ")
            throw AxisFaultRuleError.invalidValue(field: "method", reason: "\(methodName) is not one of \(names)")
        }
        let count = try fields.integer("count") ?? 1
        guard (1...AxisFaultRule.maximumCount).contains(count) else {
            throw AxisFaultRuleError.invalidValue(
                field: "count", reason: "\(count) is outside 1...\(AxisFaultRule.maximumCount)")
        }
        let systemId = try fields.string("system_id").flatMap { $0.isEmpty ? nil : $0 }
        guard let fault = try fields.nested("fault") else { throw AxisFaultRuleError.missingField("fault") }
        let kind = try Self.kind(fault)
        if case .serveDocument = kind, ![.downloadEdoc, .getEdoc].contains(method) {
            throw AxisFaultRuleError.invalidValue(
                field: "fault.kind", reason: "serve_document applies to downloadEdoc and getEdoc only")
        }
        rule = AxisFaultRule(method: method, count: count, systemId: systemId, kind: kind)
    }

    private static func kind(_ fault: FieldReader) throws -> AxisFaultRule.Kind {
        let kind = try fault.requiredString("kind")
        switch kind {
        case "http_status":
            try fault.rejectUnknown(["kind", "status"])
            guard let status = try fault.integer("status") else {
                throw AxisFaultRuleError.missingField("fault.status")
            }
            guard (200...599).contains(status) else {
                throw AxisFaultRuleError.invalidValue(field: "fault.status", reason: "\(status) is outside 200...599")
            }
            return .httpStatus(status)
        case "fail":
            try fault.rejectUnknown(["kind", "error_code", "error_description"])
            guard let code = try fault.stringOrInteger("error_code"), !code.isEmpty else {
                throw AxisFaultRuleError.missingField("fault.error_code")
            }
            let description = try fault.string("error_description") ?? "Loi gia lap (fault injection)"
            return .fail(errorCode: code, errorDescription: description)
        case "delay":
            try fault.rejectUnknown(["kind", "milliseconds"])
            guard let milliseconds = try fault.integer("milliseconds") else {
                throw AxisFaultRuleError.missingField("fault.milliseconds")
            }
            guard (0...AxisFaultRule.maximumDelayMilliseconds).contains(milliseconds) else {
                throw AxisFaultRuleError.invalidValue(
                    field: "fault.milliseconds",
                    reason: "\(milliseconds) is outside 0...\(AxisFaultRule.maximumDelayMilliseconds)")
            }
            return .delay(milliseconds: milliseconds)
        case "reset":
            try fault.rejectUnknown(["kind"])
            return .reset
        case "store_then_drop":
            try fault.rejectUnknown(["kind"])
            return .storeThenDrop
        case "serve_document":
            try fault.rejectUnknown(["kind", "base64"])
            guard let text = try fault.string("base64") else { throw AxisFaultRuleError.missingField("fault.base64") }
            guard let bytes = Data(base64Encoded: text) else {
                throw AxisFaultRuleError.invalidValue(field: "fault.base64", reason: "not base64")
            }
            return .serveDocument(Array(bytes))
        default:
            throw AxisFaultRuleError.invalidValue(
                field: "fault.kind",
                reason: "\(kind) is not http_status, fail, delay, reset, store_then_drop or serve_document")
        }
    }
}

/// Typed reads from one JSON object with errors that name the field (`fault.status`).
private struct FieldReader {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    let container: KeyedDecodingContainer<Key>
    let path: String

    init(decoder: Decoder, path: String) throws {
        do {
            container = try decoder.container(keyedBy: Key.self)
        } catch {
            throw AxisFaultRuleError.wrongType(field: path.isEmpty ? "a rule" : path, expected: "a JSON object")
        }
        self.path = path
    }

    private init(container: KeyedDecodingContainer<Key>, path: String) {
        self.container = container
        self.path = path
    }

    func field(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    func rejectUnknown(_ allowed: Set<String>) throws {
        for key in container.allKeys.map(\.stringValue).sorted() where !allowed.contains(key) {
            throw AxisFaultRuleError.unknownField(field(key))
        }
    }

    private func isAbsent(_ name: String) -> Bool {
        let key = Key(stringValue: name)
        return !container.contains(key) || ((try? container.decodeNil(forKey: key)) ?? false)
    }

    func string(_ name: String) throws -> String? {
        guard !isAbsent(name) else { return nil }
        do {
            return try container.decode(String.self, forKey: Key(stringValue: name))
        } catch {
            throw AxisFaultRuleError.wrongType(field: field(name), expected: "a string")
        }
    }

    func requiredString(_ name: String) throws -> String {
        guard let value = try string(name), !value.isEmpty else { throw AxisFaultRuleError.missingField(field(name)) }
        return value
    }

    func integer(_ name: String) throws -> Int? {
        guard !isAbsent(name) else { return nil }
        do {
            return try container.decode(Int.self, forKey: Key(stringValue: name))
        } catch {
            throw AxisFaultRuleError.wrongType(field: field(name), expected: "an integer")
        }
    }

    /// `ErrorCode` travels as a string or a number in the wild; accept both.
    func stringOrInteger(_ name: String) throws -> String? {
        guard !isAbsent(name) else { return nil }
        let key = Key(stringValue: name)
        if let text = try? container.decode(String.self, forKey: key) { return text }
        if let number = try? container.decode(Int.self, forKey: key) { return String(number) }
        throw AxisFaultRuleError.wrongType(field: field(name), expected: "a string or an integer")
    }

    func nested(_ name: String) throws -> FieldReader? {
        guard !isAbsent(name) else { return nil }
        do {
            return FieldReader(
                container: try container.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: name)),
                path: field(name))
        } catch {
            throw AxisFaultRuleError.wrongType(field: field(name), expected: "a JSON object")
        }
    }
}

extension AxisFaultRule: Encodable {
    private enum CodingKeys: String, CodingKey {
        case id, method, count, remaining, fault
        case systemId = "system_id"
    }

    private enum FaultKeys: String, CodingKey {
        case kind, status, milliseconds, base64
        case errorCode = "error_code"
        case errorDescription = "error_description"
    }

    /// `{"id":1,"method":"sendEdoc","system_id":…,"count":2,"remaining":1,"fault":{"kind":"http_status",…}}`;
    /// `system_id` is left out when the rule matches every caller.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(method.rawValue, forKey: .method)
        try container.encodeIfPresent(systemId, forKey: .systemId)
        try container.encode(count, forKey: .count)
        try container.encode(remaining, forKey: .remaining)
        var fault = container.nestedContainer(keyedBy: FaultKeys.self, forKey: .fault)
        try fault.encode(kind.name, forKey: .kind)
        switch kind {
        case .httpStatus(let status): try fault.encode(status, forKey: .status)
        case .fail(let code, let description):
            try fault.encode(code, forKey: .errorCode)
            try fault.encode(description, forKey: .errorDescription)
        case .delay(let milliseconds): try fault.encode(milliseconds, forKey: .milliseconds)
        case .serveDocument(let bytes): try fault.encode(Data(bytes).base64EncodedString(), forKey: .base64)
        case .reset, .storeThenDrop: break
        }
    }
}
