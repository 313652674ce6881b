/// Where a document is in its pipeline. The allowed moves between states are defined here and only here;
/// ``DocumentStore/transition(_:to:note:change:)`` refuses anything else.
///
/// Outbound: `detected → claimed → signed → packaged → sent → filed`, and `failed` from any state before `sent`.
/// Inbound: `listed → downloaded → delivered → acknowledged`, and `quarantined` from `listed` or `downloaded`;
/// `downloaded → listed` when the envelope turned out unreadable and is fetched again (a bounded number of times,
/// counted in ``DocumentRecord/unreadableFetches``); `downloaded → redirected` when the envelope's `To` names other
/// agencies of ours but not this one.
///
/// Every state names what is already durable, so a restarted daemon knows the next step from the state alone:
/// - `detected`: the file's identity (path, inode, size, mtime, SHA-256) is recorded; it is still in the outbox.
/// - `claimed`: the file is in the spool, out of the clerks' reach.
/// - `signed`: its signature is in the spool.
/// - `packaged`: the edXML envelope is fixed in the spool; every send uses exactly these bytes.
/// - `sent`: the axis accepted it and gave a DocId.
/// - `filed`: the original is in `sent/` with its receipt; the spool is clean.
/// - `failed`: a person must act; the file is (or is being moved) in `failed/` with a reason file.
/// - `listed`: the axis listed this docId for us.
/// - `downloaded`: the envelope is in the spool.
/// - `delivered`: the attachments are in `inbox/`, durable.
/// - `acknowledged`: the axis was told `done`.
/// - `redirected`: listed for this agency (or for none, to be decided), but the envelope is addressed to other agencies
///   served here; their own records deliver it, nothing was put in this agency's folders.
/// - `quarantined`: the document failed checks; it is in `quarantine/`. The axis was told `fail`, unless
///   ``DocumentRecord/failAcknowledgementPending`` says that is still to do (the pipeline keeps trying).
public enum DocumentState: String, Codable, Sendable, CaseIterable {
    case detected, claimed, signed, packaged, sent, filed, failed
    case listed, downloaded, delivered, acknowledged, quarantined, redirected

    public var direction: Direction {
        switch self {
        case .detected, .claimed, .signed, .packaged, .sent, .filed, .failed: .outbound
        case .listed, .downloaded, .delivered, .acknowledged, .quarantined, .redirected: .inbound
        }
    }

    /// A terminal state needs no more work from the daemon.
    public var isTerminal: Bool {
        switch self {
        case .filed, .acknowledged, .redirected: true
        // `failed` and `quarantined` are terminal for the pipeline; `retry` moves them back explicitly.
        case .failed, .quarantined: true
        default: false
        }
    }

    /// The states this one may move to.
    public var successors: Set<DocumentState> {
        switch self {
        case .detected: [.claimed, .failed]
        case .claimed: [.signed, .failed]
        case .signed: [.packaged, .failed]
        case .packaged: [.sent, .failed]
        case .sent: [.filed]
        case .filed: []
        // An admin's `lienthong retry` puts a failed document back at the start of its pipeline.
        case .failed: [.detected]
        case .listed: [.downloaded, .quarantined]
        case .downloaded: [.delivered, .quarantined, .listed, .redirected]
        case .delivered: [.acknowledged]
        case .acknowledged: []
        case .quarantined: [.listed]
        case .redirected: []
        }
    }

    public func canMove(to next: DocumentState) -> Bool { successors.contains(next) }

    /// The state every document of a direction starts in.
    public static func initial(for direction: Direction) -> DocumentState {
        direction == .outbound ? .detected : .listed
    }
}
