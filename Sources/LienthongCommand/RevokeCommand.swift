import ArgumentParser
import Outbound

/// `lienthong revoke ID --reason T`: asks the recipients of a sent document to take it back (thu hồi).
struct RevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Ask the recipients of a sent document to take it back (thu hồi).",
        discussion: """
            Queues a revoke request (BussinessDocType 1) that the daemon sends like any document, to the same \
            recipients, with the document's own metadata and DocumentId and the reason. The recipients answer with \
            status 15 (agree) or 16 (refuse); both appear in the document's receipt in sent/ and in `lienthong show`.
            """)

    @OptionGroup var options: ConfigOption
    @Argument(help: "The sent document's id, as `lienthong list --direction out` prints it.") var id: String
    @Option(help: "Why it is taken back (lý do); sent to the recipients.") var reason: String

    func validate() throws {
        _ = try BusinessRequestSubmission.documentId(id)
        try BusinessRequestSubmission.checkReason(reason, required: true)
    }

    func run() throws {
        let document = try BusinessRequestSubmission.documentId(id)
        try BusinessRequestSubmission.submit(.revoke, options: options) { requester throws(BusinessRequestError) in
            try requester.revoke(document, reason: reason)
        }
    }
}
