/// What an outbound request does to a document we sent: the `BussinessDocType` it travels with.
public enum BusinessOperation: String, Sendable, CaseIterable {
    /// Thu hồi: ask the recipients to take the document back (type 1).
    case revoke = "1"
    /// Cập nhật: send a corrected file under the same DocumentId (type 2).
    case update = "2"
    /// Thay thế: send a new document that replaces it (type 3), possibly with a new number.
    case replace = "3"

    /// The word used in messages and history lines.
    public var name: String {
        switch self {
        case .revoke: "revoke"
        case .update: "update"
        case .replace: "replacement"
        }
    }

    /// The Vietnamese word clerks read in receipts.
    var vietnamese: String {
        switch self {
        case .revoke: "thu hồi"
        case .update: "cập nhật"
        case .replace: "thay thế"
        }
    }

    /// Whether the admin must say why.
    public var requiresReason: Bool { self != .replace }
}
