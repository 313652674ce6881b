/// The reply to `countReceiveEdoc` / `countReceiveStatus`.
public struct CountReply: Sendable, Equatable {
    public let reply: AxisReply
    public let count: Int

    public init(reply: AxisReply = .ok, count: Int) {
        self.reply = reply
        self.count = count
    }

    /// Reads `count` (a number or a numeric string; `data` is accepted too).
    /// - Throws: ``AxisReplyError/fail(_:)`` for a FAIL reply, ``AxisReplyError/missingField(_:)`` if no count.
    public static func parse(_ bytes: [UInt8]) throws(AxisReplyError) -> CountReply {
        let object = try ReplyObject.parse(bytes)
        let reply = AxisReply(object)
        if !(reply.status.isEmpty && reply.errorCode.isEmpty) { try reply.requireOK() }
        guard let text = object.string("count", "total", "data")?.trimmingASCIIWhitespace(), let count = Int(text),
            count >= 0
        else { throw .missingField("count") }
        return CountReply(reply: reply, count: count)
    }

    /// `{"status":"OK","ErrorCode":"0","ErrorDesc":"","count":N}`.
    public func jsonBytes() -> [UInt8] {
        JSONText.bytes(.object(reply.jsonMembers + [("count", .integer(count))]))
    }
}
