/// The reply to `sendEdoc`: the common fields plus the axis's id for the stored document.
public struct SendEdocReply: Sendable, Equatable {
    public let reply: AxisReply
    /// The axis's id for the stored document; empty when absent.
    public let docId: String

    public init(reply: AxisReply = .ok, docId: String) {
        self.reply = reply
        self.docId = docId
    }

    /// True when the reply is OK and carries a real `DocId` (not empty, not `"0"`).
    public var isAccepted: Bool { reply.isOK && Self.isRealDocId(docId) }

    /// Parses a sendEdoc reply and requires acceptance.
    ///
    /// - Throws: ``AxisReplyError/fail(_:)`` for a FAIL reply, ``AxisReplyError/missingDocId(_:)`` for an OK reply
    ///   whose `DocId` is empty or `"0"`, ``AxisReplyError/notJSON(excerpt:)`` for anything that is not JSON.
    public static func parse(_ bytes: [UInt8]) throws(AxisReplyError) -> SendEdocReply {
        let object = try ReplyObject.parse(bytes)
        let reply = AxisReply(object)
        try reply.requireOK()
        let docId = (object.string("DocId") ?? "").trimmingASCIIWhitespace()
        guard isRealDocId(docId) else { throw .missingDocId(reply) }
        return SendEdocReply(reply: reply, docId: docId)
    }

    /// `{"status":"OK","ErrorCode":"0","ErrorDesc":"","DocId":"..."}`.
    public func jsonBytes() -> [UInt8] {
        JSONText.bytes(.object(reply.jsonMembers + [("DocId", .string(docId))]))
    }

    static func isRealDocId(_ docId: String) -> Bool { !docId.isEmpty && docId != "0" }
}
