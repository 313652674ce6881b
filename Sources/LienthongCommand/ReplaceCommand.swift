import ArgumentParser
import Outbound

/// `lienthong replace ID NEWFILE [--reason T]`: sends a document that replaces a sent one (thay thế).
struct ReplaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replace", abstract: "Send a document that replaces a sent one (thay thế).",
        discussion: """
            Queues a replacement (BussinessDocType 3): NEWFILE is copied into the spool (yours stays where it is), \
            signed, and sent to the recipients of the replaced document, naming it and them in ReplacementInfoList. \
            It keeps the replaced document's metadata unless NEWFILE.meta.yaml gives new values (a new number, \
            notation or date gives it a new DocumentId).
            """)

    @OptionGroup var options: ConfigOption
    @Argument(help: "The sent document's id, as `lienthong list --direction out` prints it.") var id: String
    @Argument(help: "The replacing file.") var newFile: String
    @Option(help: "Why (lý do); \"Văn bản thay thế\" when not given.") var reason: String?

    func validate() throws {
        _ = try BusinessRequestSubmission.documentId(id)
        try BusinessRequestSubmission.checkReason(reason, required: false)
    }

    func run() throws {
        let document = try BusinessRequestSubmission.documentId(id)
        try BusinessRequestSubmission.submit(.replace, options: options) { requester throws(BusinessRequestError) in
            try requester.replace(document, with: newFile, reason: reason)
        }
    }
}
