import ArgumentParser
import Outbound

/// `lienthong update ID NEWFILE --reason T`: sends a corrected file for a sent document (cập nhật).
struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Send a corrected file for a sent document, same number (cập nhật).",
        discussion: """
            Queues an update (BussinessDocType 2): NEWFILE is copied into the spool (yours stays where it is), \
            signed, and sent to the document's recipients under its DocumentId, with its metadata unless \
            NEWFILE.meta.yaml gives new values. The number, notation and date cannot change: use `replace` for that.
            """)

    @OptionGroup var options: ConfigOption
    @Argument(help: "The sent document's id, as `lienthong list --direction out` prints it.") var id: String
    @Argument(help: "The corrected file.") var newFile: String
    @Option(help: "What changed (lý do); sent to the recipients.") var reason: String

    func validate() throws {
        _ = try BusinessRequestSubmission.documentId(id)
        try BusinessRequestSubmission.checkReason(reason, required: true)
    }

    func run() throws {
        let document = try BusinessRequestSubmission.documentId(id)
        try BusinessRequestSubmission.submit(.update, options: options) { requester throws(BusinessRequestError) in
            try requester.update(document, with: newFile, reason: reason)
        }
    }
}
