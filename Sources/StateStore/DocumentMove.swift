/// One document's move to another state, for ``DocumentStore/transition(_:now:)``, which commits several at once.
public struct DocumentMove: Sendable {
    public var id: Int64
    public var state: DocumentState
    /// The history line.
    public var note: String
    /// Other fields changed with the move, as ``DocumentStore/transition(_:to:note:now:change:)``'s `change`.
    public var change: @Sendable (inout DocumentRecord) -> Void

    public init(
        _ id: Int64, to state: DocumentState, note: String,
        change: @escaping @Sendable (inout DocumentRecord) -> Void = { _ in }
    ) {
        self.id = id
        self.state = state
        self.note = note
        self.change = change
    }
}
