/// The shared folders of one agency. All paths are absolute and normalized (no trailing slash, no `.`/`..`).
public struct AgencyFolders: Sendable, Equatable {
    public var root: String
    /// Drop folder watched for documents to send.
    public var outbox: String
    /// Originals after a successful send, by date, with receipts.
    public var sent: String
    /// Documents that cannot be sent without a person, with an explanation next to each.
    public var failed: String
    /// Documents received from other agencies, by sender.
    public var inbox: String
    /// Received documents that failed checks, with the reason.
    public var quarantine: String

    /// Folders default to `root/outbox`, `root/sent`, `root/failed`, `root/inbox` and `root/quarantine`.
    public init(
        root: String,
        outbox: String? = nil,
        sent: String? = nil,
        failed: String? = nil,
        inbox: String? = nil,
        quarantine: String? = nil
    ) {
        self.root = root
        self.outbox = outbox ?? PathRules.join(root, "outbox")
        self.sent = sent ?? PathRules.join(root, "sent")
        self.failed = failed ?? PathRules.join(root, "failed")
        self.inbox = inbox ?? PathRules.join(root, "inbox")
        self.quarantine = quarantine ?? PathRules.join(root, "quarantine")
    }
}
