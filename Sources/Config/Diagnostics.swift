/// Collects problems while a configuration is read, so that all of them are reported at once.
final class Diagnostics {
    private(set) var problems: [ConfigProblem] = []

    func report(_ keyPath: String, line: Int?, _ message: String) {
        problems.append(ConfigProblem(keyPath: keyPath, line: line, message: message))
    }

    /// Problems ordered by line; problems without a line keep their order and come last.
    var sortedProblems: [ConfigProblem] {
        problems.enumerated()
            .sorted { lhs, rhs in
                switch (lhs.element.line, rhs.element.line) {
                case (let l?, let r?) where l != r: l < r
                case (.some, nil): true
                case (nil, .some): false
                default: lhs.offset < rhs.offset
                }
            }
            .map(\.element)
    }
}
