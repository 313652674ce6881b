import EdXML
import Foundation
import StateStore
import SystemSupport

/// What travels for one document, in order: for each of its files (the one file, or a document folder's files in
/// their order) the signed PDF instead of the original, or the original followed by its detached `.p7s`.
///
/// Types VNPT's library sends raw (pdf, doc, docx, xls, xlsx, zip) go as they are; any other file, the `.p7s`
/// included, goes as a single-entry ZIP (`<uuid>.<ext>` entry, `ContentType: application/zip`) under the clerk's
/// name, as the samples in axis-protocol.md section 4 show. The ZIP is built in the spool once and reused, so every
/// rewrite of the envelope (and so every send) carries the same bytes.
struct OutboundAttachments {
    let spool: OutboundSpool

    func list(for document: DocumentRecord) throws -> [OutgoingAttachment] {
        let id = document.id!
        var attachments: [OutgoingAttachment] = []
        for name in try spool.attachmentNames(of: document) {
            let signedPDF = spool.signedPDF(of: id, fileName: name)
            let hasSignedPDF = (try? FileStatus.lstat(signedPDF)) != nil
            attachments.append(
                try travelling(
                    OutgoingAttachment(
                        name: name, contentType: MediaType.of(fileName: name),
                        sourcePath: hasSignedPDF ? signedPDF : spool.original(of: id, fileName: name)),
                    id: id))
            let signature = spool.signature(of: id, fileName: name)
            if (try? FileStatus.lstat(signature)) != nil {
                attachments.append(
                    try travelling(
                        OutgoingAttachment(
                            name: name + ".p7s", contentType: "application/pkcs7-signature",
                            description: "Chữ ký số của cơ quan (CMS) / Agency signature (CMS)", sourcePath: signature),
                        id: id))
            }
        }
        return attachments
    }

    /// The attachment as it travels: itself, or its single-entry ZIP from the spool (built now if not yet there).
    private func travelling(_ attachment: OutgoingAttachment, id: Int64) throws -> OutgoingAttachment {
        guard !SingleEntryZip.travelsRaw(fileName: attachment.name) else { return attachment }
        let zip = spool.wrapped(of: id, name: attachment.name)
        if (try? FileStatus.lstat(zip)) == nil {
            try Directories.create((zip as NSString).deletingLastPathComponent, mode: 0o700)
            do {
                try SingleEntryZip.wrap(
                    source: attachment.sourcePath, entryName: SingleEntryZip.entryName(for: attachment.name),
                    destination: zip)
            } catch {
                throw OutboundFailure.transient("cannot wrap \(attachment.name) in a ZIP: \(error)")
            }
        }
        var wrapped = attachment
        wrapped.contentType = "application/zip"
        wrapped.sourcePath = zip
        return wrapped
    }
}
