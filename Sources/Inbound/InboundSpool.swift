import SystemSupport

/// Where one inbound document lives between download and delivery (docs/architecture.md, "Spool layout"): its own
/// folder holding the downloaded envelope and, while it is delivered, the attachments decoded from it beside it.
struct InboundSpool: Sendable {
    static let envelopeName = "envelope.edxml"

    let root: String

    init(spoolDirectory: String) { root = spoolDirectory + "/in" }

    func directory(of id: Int64) -> String { "\(root)/\(id)" }
    func envelope(of id: Int64) -> String { "\(directory(of: id))/\(Self.envelopeName)" }
    /// The status message of one queued answer, fixed before its first send (`spool/in/answers/<answer id>.edxml`).
    func answerEnvelope(of answerId: Int64) -> String { "\(root)/answers/\(answerId).edxml" }

    /// Removes everything in the document's folder but its envelope: what an interrupted delivery left (decoded
    /// attachments, a ZIP's unwrapped entry, the temporary file of a write), so that the envelope is decoded again
    /// into a clean folder. Scratch decodes beside the envelope rather than in a subfolder of their own, which would
    /// be one more folder created and removed for every document.
    func removeScratch(of id: Int64) throws(SystemError) {
        let folder = directory(of: id)
        for entry in try Directories.list(folder) where entry.name != Self.envelopeName {
            try Directories.removeTree(folder + "/" + entry.name)
        }
    }
}
