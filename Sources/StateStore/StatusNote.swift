/// A status message received about one of our documents (01 arrived … 06 completed, 15, 16), as kept in the
/// document's history: an event whose `status_code` and `status_sender` columns say which status from whom
/// (schema v9), with the text `status 03 from 000.00.00.H26: <description>` for `lienthong show`.
///
/// The monthly report counts these columns. Events written before v9 had only the text; the v9 migration fills the
/// columns from it with ``init(parsing:)``, which the report also uses on a database the daemon has not migrated yet.
public struct StatusNote: Sendable, Equatable {
    /// Two digits, e.g. `03`.
    public var code: String
    /// The agency that sent the status (edXML `From/OrganId`).
    public var sender: String

    public init(code: String, sender: String) {
        self.code = code
        self.sender = sender
    }

    /// The history line: `status 03 from 000.00.00.H26: Đã tiếp nhận`.
    public func message(description: String) -> String {
        "status \(code) from \(sender): \(description)"
    }

    /// Reads a history line written by ``message(description:)``; nil for any other note (a two-digit code and a
    /// sender are required).
    public init?(parsing message: String) {
        guard message.hasPrefix("status ") else { return nil }
        let rest = message.dropFirst("status ".count)
        let code = String(rest.prefix { $0 != " " })
        let afterCode = rest.dropFirst(code.count)
        guard afterCode.hasPrefix(" from ") else { return nil }
        let sender = String(afterCode.dropFirst(" from ".count).prefix { $0 != ":" && $0 != " " })
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isNumber }), !sender.isEmpty else { return nil }
        self.init(code: code, sender: sender)
    }
}
