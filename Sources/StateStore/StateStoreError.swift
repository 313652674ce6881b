/// Why the state store refused or failed an operation.
public enum StateStoreError: Error, CustomStringConvertible, Sendable {
    /// The database could not be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// No document has this id.
    case unknownDocument(Int64)
    /// A caller asked for a move the state machine does not allow: a bug or a concurrent change.
    case illegalTransition(document: Int64, from: DocumentState, to: DocumentState)
    /// No answer has this id.
    case unknownAnswer(Int64)
    /// The answer was already sent or failed; only queued answers change (a bug or a concurrent change).
    case answerNotQueued(Int64, AnswerState)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the state database \(path): \(reason). It must be on a local disk (not a network mount) "
                + "and writable by lienthong's user."
        case .unknownDocument(let id):
            "no document has id \(id); `lienthong list` shows the ids"
        case .illegalTransition(let id, let from, let to):
            "document \(id) cannot move from \(from.rawValue) to \(to.rawValue)"
        case .unknownAnswer(let id):
            "no answer has id \(id)"
        case .answerNotQueued(let id, let state):
            "answer \(id) is already \(state.rawValue); only queued answers are sent"
        }
    }
}
