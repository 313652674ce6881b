/// Why `POST /admin/faults` refused a rule. Each message names the field and the accepted values.
public enum AxisFaultRuleError: Error, CustomStringConvertible, Sendable, Equatable {
    case notJSON(String)
    case missingField(String)
    case wrongType(field: String, expected: String)
    case invalidValue(field: String, reason: String)
    case unknownField(String)

    public var description: String {
        switch self {
        case .notJSON(let detail):
            "the body is not a JSON rule or list of rules (\(detail)); send e.g. "
                + #"{"method":"sendEdoc","count":2,"fault":{"kind":"http_status","status":503}}"#
        case .missingField(let field): "\(field) is required"
        case .wrongType(let field, let expected): "\(field) must be \(expected)"
        case .invalidValue(let field, let reason): "\(field): \(reason)"
        case .unknownField(let field):
            "unknown field \(field); a rule has method, count, system_id and fault (kind plus its parameters)"
        }
    }
}
