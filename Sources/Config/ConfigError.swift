/// Every problem found in a configuration, reported together so an admin can fix them in one pass.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in the order they appear in the file (problems without a line come last).
    public var problems: [ConfigProblem]
    /// The file or source the problems were found in (e.g. `/etc/lienthong/lienthong.yaml`), if known.
    public var sourceName: String?

    public init(problems: [ConfigProblem], sourceName: String? = nil) {
        self.problems = problems
        self.sourceName = sourceName
    }

    init(keyPath: String, line: Int? = nil, message: String, sourceName: String? = nil) {
        self.init(problems: [ConfigProblem(keyPath: keyPath, line: line, message: message)], sourceName: sourceName)
    }

    public var description: String {
        if problems.count == 1, let problem = problems.first {
            return sourceName.map { "\($0): \(problem)" } ?? problem.description
        }
        let lines = problems.map { "  - \($0)" }.joined(separator: "\n")
        return "\(sourceName ?? "the configuration") has \(problems.count) problems:\n\(lines)"
    }
}
