/// Why `lienthong-axis` refused its configuration. Every message names the key or file at fault.
public enum AxisConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    case unreadableFile(path: String, reason: String)
    case invalidYAML(path: String, reason: String)
    case missingKey(String)
    case wrongType(key: String, expected: String)
    case invalidValue(key: String, reason: String)
    case unknownKey(String)
    case unreadableSecret(key: String, path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            "cannot read the configuration file \(path): \(reason)"
        case .invalidYAML(let path, let reason):
            "the configuration file \(path) is not valid YAML: \(reason)"
        case .missingKey(let key):
            "configuration key \(key) is required"
        case .wrongType(let key, let expected):
            "configuration key \(key) must be \(expected)"
        case .invalidValue(let key, let reason):
            "configuration key \(key): \(reason)"
        case .unknownKey(let key):
            "unknown configuration key \(key); check its spelling against the documented keys"
        case .unreadableSecret(let key, let path, let reason):
            "\(key): cannot read the secret file \(path): \(reason)"
        }
    }
}
