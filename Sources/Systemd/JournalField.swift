/// The lienthong-specific journal fields that `journalctl` can filter on, e.g. `journalctl -u lienthong DOC_ID=42`.
///
/// Log with these keys in metadata (`logger.info("sent", metadata: [JournalField.docID.key: "42"])`); the match is
/// case-insensitive, so `doc_id` works too. On stderr they are printed first, uppercase, in the order below; through
/// the native journal protocol they also become real journal fields.
public enum JournalField: String, CaseIterable, Sendable {
    /// The local document id in the state database.
    case docID = "DOC_ID"
    /// The DocId that the national axis assigned.
    case axisDocID = "AXIS_DOC_ID"
    /// The agency code the record concerns.
    case agency = "AGENCY"
    /// The document's state in the state machine.
    case state = "STATE"
    /// A file or folder path (often a clerk's file name: printed escaped).
    case path = "PATH"

    /// The metadata key to log with; identical to the journal field name.
    public var key: String { rawValue }

    /// The journal field for a metadata key, matched case-insensitively.
    public init?(metadataKey: String) {
        guard metadataKey.utf8.count <= 11, let field = JournalField(rawValue: metadataKey.uppercased()) else {
            return nil
        }
        self = field
    }
}
