import Foundation

/// A status message (01..06, 15, 16) exchanged about one document: received from a recipient of ours (outbound), or
/// sent by us to the sender (inbound: 01 by the daemon, the others by clerks' answers).
public struct ExchangedStatus: Sendable, Equatable {
    /// `01`…`06`, `15`, `16`.
    public var code: String
    /// Outbound: the recipient that sent it; inbound: nil (the document's sender receives it).
    public var from: String?
    /// When it was received or sent; nil while an answer is only queued.
    public var at: Date?
    /// `received` (outbound), or the answer's state: `queued`, `sent`, `failed`.
    public var state: String

    public init(code: String, from: String?, at: Date?, state: String) {
        self.code = code
        self.from = from
        self.at = at
        self.state = state
    }
}
