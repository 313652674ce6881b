/// A document header that must not be sent: every problem found, so a clerk can fix them in one pass.
public struct HeaderValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [HeaderProblem]

    public init(problems: [HeaderProblem]) {
        self.problems = problems
    }

    public var description: String {
        "the document header has \(problems.count) problem(s): "
            + problems.map { "\($0.field.element): \($0.english)" }.joined(separator: "; ")
    }
}
