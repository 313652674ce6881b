/// Prefix → namespace URI bindings, scoped to the elements that declare them.
struct XMLNamespaceScope {
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    private var bindings: [(prefix: String, uri: String)] = [("xml", XMLNamespaceScope.xmlNamespace)]
    private var marks: [Int] = []

    /// Opens the scope of a new element; bindings made until the matching `pop()` belong to it.
    mutating func push() {
        marks.append(bindings.count)
    }

    mutating func pop() {
        guard let mark = marks.popLast() else { return }
        bindings.removeSubrange(mark...)
    }

    /// Binds `prefix` ("" for the default namespace) in the innermost scope.
    mutating func bind(prefix: String, uri: String) {
        bindings.append((prefix, uri))
    }

    /// The URI bound to `prefix`, or nil when it is not declared. The default namespace ("") unbound
    /// or bound to "" resolves to "".
    func resolve(prefix: String) -> String? {
        for binding in bindings.reversed() where binding.prefix == prefix {
            return binding.uri
        }
        return prefix.isEmpty ? "" : nil
    }
}
