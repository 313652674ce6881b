import Foundation

/// The reply to `getEdoc`: the common fields plus `data`, the whole .edxml base64-encoded inside one JSON string.
///
/// Such replies can be hundreds of megabytes, so they are read with ``GetEdocReplyScanner``, which decodes the
/// document as the reply streams in; this type holds the one-shot helpers around it.
public enum GetEdocReply {
    /// Reads a whole reply held in memory: what it said, and the decoded document (judge it with
    /// ``GetEdocReplyScanner/Outcome/requireDocument()``). For small replies and tests; large ones are streamed.
    public static func decode(_ body: [UInt8]) throws(AxisReplyError) -> (
        outcome: GetEdocReplyScanner.Outcome, document: [UInt8]
    ) {
        var scanner = GetEdocReplyScanner()
        var document: [UInt8] = []
        try scanner.consume(body, into: &document)
        return (try scanner.finish(), document)
    }

    /// An OK getEdoc reply carrying `edxml` (for the simulator and tests).
    public static func jsonBytes(edxml: [UInt8]) -> [UInt8] {
        let parts = jsonParts()
        return parts.prefix + Array(Data(edxml).base64EncodedData()) + parts.suffix
    }

    /// The bytes before and after the base64 text of an OK reply, so a server can stream a large file between them.
    public static func jsonParts(reply: AxisReply = .ok) -> (prefix: [UInt8], suffix: [UInt8]) {
        let members = reply.jsonMembers.map { JSONText.quoted($0.key) + ":" + JSONText.render($0.value) }
        return (Array(("{" + members.joined(separator: ",") + ",\"data\":\"").utf8), Array("\"}".utf8))
    }
}
