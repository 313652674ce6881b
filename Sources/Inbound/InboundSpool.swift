/// Where one inbound document lives between download and delivery (docs/architecture.md, "Spool layout").
struct InboundSpool: Sendable {
    let root: String

    init(spoolDirectory: String) { root = spoolDirectory + "/in" }

    func directory(of id: Int64) -> String { "\(root)/\(id)" }
    func envelope(of id: Int64) -> String { "\(directory(of: id))/envelope.edxml" }
    func attachments(of id: Int64) -> String { "\(directory(of: id))/attachments" }
    /// The status message of one queued answer, fixed before its first send (`spool/in/answers/<answer id>.edxml`).
    func answerEnvelope(of answerId: Int64) -> String { "\(root)/answers/\(answerId).edxml" }
}
