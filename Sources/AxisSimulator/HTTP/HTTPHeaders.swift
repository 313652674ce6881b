/// Request or response headers in arrival order, with case-insensitive lookup.
public struct HTTPHeaders: Sendable, Sequence {
    public private(set) var entries: [(name: String, value: String)] = []

    public init(_ entries: [(name: String, value: String)] = []) { self.entries = entries }

    public mutating func add(_ name: String, _ value: String) { entries.append((name, value)) }

    /// The first value of `name`, compared case-insensitively.
    public subscript(name: String) -> String? {
        let wanted = name.lowercased()
        return entries.first { $0.name.lowercased() == wanted }?.value
    }

    public func values(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return entries.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// Lowercased names to values; when a name repeats, the first value wins.
    public var lowercasedDictionary: [String: String] {
        var result: [String: String] = [:]
        for entry in entries where result[entry.name.lowercased()] == nil {
            result[entry.name.lowercased()] = entry.value
        }
        return result
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { entries.makeIterator() }
}
