import Config
import EdXML

/// The metadata of one outbound document after every source was consulted, with everything that stops it.
struct MetadataResolution: Equatable {
    /// The header to send; its `documentId` is set only when the metadata is complete.
    var header: DocumentHeader
    /// Recipient codes, routes expanded.
    var recipients: [String]
    /// Missing or invalid header values, in the clerk's terms.
    var problems: [HeaderProblem]
    /// What is wrong with the metadata file itself (syntax, unknown keys, values), with keys and lines.
    var sidecarProblems: [ConfigProblem]
    /// Every value known from any source, to pre-fill the example metadata file shown to the clerk.
    var known: DocumentSidecar
    /// The filename pattern that applied (the outbox folder's, else the agency's), for the example name shown to the
    /// clerk; nil for a document folder or an agency without pattern.
    var filenamePattern: FilenamePattern?

    var isComplete: Bool { problems.isEmpty && sidecarProblems.isEmpty && header.documentId != nil }

    /// `number/notation`, as printed on the document (empty parts left out).
    var codeNotation: String {
        [header.code?.codeNumber, header.code?.codeNotation].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: "/")
    }

    /// The header, or the failure that sends the document to `failed/` with a reason the clerk can act on.
    func completeHeader(
        fileName: String, folder: String, isDocumentFolder: Bool = false
    ) throws(OutboundFailure) -> DocumentHeader {
        guard isComplete else {
            let fields =
                problems.map { "\($0.field.element): \($0.english)" }
                + sidecarProblems.map {
                    "\(isDocumentFolder ? "document" : fileName)\(DocumentSidecar.suffix): \($0)"
                }
            throw OutboundFailure.permanent(
                "incomplete or invalid metadata: "
                    + (fields.isEmpty ? "no DocumentId" : fields.joined(separator: "; ")),
                clerk: isDocumentFolder
                    ? .incompleteFolderMetadata(self, folderName: fileName, folder: folder)
                    : .incompleteMetadata(self, fileName: fileName, folder: folder))
        }
        return header
    }
}
