import Foundation

/// Typed access to one YAML mapping, producing errors that name the full key (`systems[1].secret_file`).
struct YAMLMappingReader {
    private let values: [String: Any]
    private let path: String

    init(_ values: [String: Any], path: String) {
        self.values = values
        self.path = path
    }

    func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// The value of `name`; YAML `null`/`~` counts as absent.
    private func present(_ name: String) -> Any? {
        guard let value = values[name], !(value is NSNull) else { return nil }
        return value
    }

    func rejectUnknownKeys(_ allowed: Set<String>) throws(AxisConfigurationError) {
        for name in values.keys.sorted() where !allowed.contains(name) { throw .unknownKey(key(name)) }
    }

    func string(_ name: String) throws(AxisConfigurationError) -> String? {
        guard let value = present(name) else { return nil }
        switch value {
        case let text as String: return text
        case let number as Int: return String(number)
        case let number as Double: return String(number)
        default: throw .wrongType(key: key(name), expected: "a string")
        }
    }

    func integer(_ name: String) throws(AxisConfigurationError) -> Int? {
        guard let value = present(name) else { return nil }
        if let number = value as? Int { return number }
        if let text = value as? String, let number = Int(text) { return number }
        throw .wrongType(key: key(name), expected: "an integer")
    }

    func port(_ name: String) throws(AxisConfigurationError) -> Int? {
        guard let port = try integer(name) else { return nil }
        guard (0...65535).contains(port) else {
            throw .invalidValue(key: key(name), reason: "\(port) is not a port (0...65535; 0 picks a free one)")
        }
        return port
    }

    func strings(_ name: String) throws(AxisConfigurationError) -> [String] {
        guard let value = present(name) else { return [] }
        guard let list = value as? [Any] else { throw .wrongType(key: key(name), expected: "a list of strings") }
        var result: [String] = []
        for (index, element) in list.enumerated() {
            switch element {
            case let text as String: result.append(text)
            case let number as Int: result.append(String(number))
            default: throw .wrongType(key: "\(key(name))[\(index)]", expected: "a string")
            }
        }
        return result
    }

    func boolean(_ name: String) throws(AxisConfigurationError) -> Bool? {
        guard let value = present(name) else { return nil }
        guard let flag = value as? Bool else { throw .wrongType(key: key(name), expected: "true or false") }
        return flag
    }

    /// A nested mapping; nil when absent.
    func mapping(_ name: String) throws(AxisConfigurationError) -> YAMLMappingReader? {
        guard let value = present(name) else { return nil }
        guard let mapping = value as? [String: Any] else { throw .wrongType(key: key(name), expected: "a mapping") }
        return YAMLMappingReader(mapping, path: key(name))
    }

    func mappings(_ name: String) throws(AxisConfigurationError) -> [YAMLMappingReader] {
        guard let value = present(name) else { return [] }
        guard let list = value as? [Any] else { throw .wrongType(key: key(name), expected: "a list of mappings") }
        var result: [YAMLMappingReader] = []
        for (index, element) in list.enumerated() {
            guard let mapping = element as? [String: Any] else {
                throw .wrongType(key: "\(key(name))[\(index)]", expected: "a mapping")
            }
            result.append(YAMLMappingReader(mapping, path: "\(key(name))[\(index)]"))
        }
        return result
    }
}
