/// An element of a `data[]` array in an axis list reply.
public protocol AxisListItem: Sendable {
    /// Reads one element liberally; nil when it lacks what identifies it (e.g. a received item without `docId`).
    init?(replyObject: [String: Any])
    /// The element as the real axis spells it, for the simulator.
    var jsonMembers: [(key: String, value: String)] { get }
}

extension AxisListItem {
    /// Parses a list reply (`{"status":"OK",...,"data":[...]}`) and returns its items.
    ///
    /// An absent or null `data` is an empty list. Elements that are not objects or lack their identifying field
    /// are skipped: one bad element must not hide the others.
    /// - Throws: ``AxisReplyError/fail(_:)`` for a FAIL reply; ``AxisReplyError/notJSON(excerpt:)`` for non-JSON.
    public static func parseList(_ bytes: [UInt8]) throws(AxisReplyError) -> [Self] {
        let object = try ReplyObject.parse(bytes)
        let reply = AxisReply(object)
        if !(reply.status.isEmpty && reply.errorCode.isEmpty && object.has("data")) {
            try reply.requireOK()
        }
        guard let data = object.array("data") else { return [] }
        return data.compactMap { element in (element as? [String: Any]).flatMap(Self.init(replyObject:)) }
    }

    /// An OK list reply with `items` as `data`, spelled as the real axis does.
    public static func listJSONBytes(_ items: [Self], reply: AxisReply = .ok) -> [UInt8] {
        let data = items.map { item in
            JSONText.Value.object(item.jsonMembers.map { (key: $0.key, value: .string($0.value)) })
        }
        return JSONText.bytes(.object(reply.jsonMembers + [("data", .array(data))]))
    }
}
