import Config
import EdXML
import Foundation
import Logging
import StateStore
import SystemSupport

/// Step "deliver" of the inbound pipeline: puts a parsed document where clerks look,
/// `inbox/<sender>/<yyyy-mm-dd>_<number-notation>/`, all at once.
///
/// Files are assembled in a hidden temporary folder inside `inbox/`, fsynced, and the folder is renamed into
/// place with `RENAME_NOREPLACE`; the destination is recorded in SQLite before the rename, so a restart finds a
/// delivery that already happened instead of making a second copy. Names from the wire never become paths:
/// every attachment name goes through ``SafeFileName``.
///
/// Before the rename, every signature of the staged attachments is verified (``InboundSignatureVerifier``),
/// `signatures.txt` is written, and the agency's `inbound_policy` decides (``SignaturePolicy``) whether the
/// document is delivered, delivered with a warning, or quarantined. Blocking: the pipeline runs it on ``Offload``.
struct InboxWriter: Sendable {
    let agency: AgencyConfig
    let store: DocumentStore
    let spool: InboundSpool
    let limits: Limits
    let logger: Logger

    func deliver(_ document: DocumentRecord, message: EdXMLMessage, now: Date = Date()) throws -> DocumentRecord {
        let id = document.id!
        if let planned = document.destinationPath, (try? FileStatus.lstat(planned)) != nil {
            // The rename happened before a crash or a failed sync: make it durable before saying so.
            var placed = DirectorySyncs()
            placed.add((planned as NSString).deletingLastPathComponent)
            placed.add(agency.folders.inbox)
            try placed.sync()
            return try store.transition(id, to: .delivered, note: "already in \(planned)")
        }
        guard let header = message.document else { throw InboundFailure.rejected("not a document message") }
        let inbox = agency.folders.inbox
        let senderFolder = inbox + "/" + SafeFileName.sanitize(message.senderId, fallback: "khong-ro-noi-gui")
        let staging = InboxStaging.path(inbox: inbox, documentId: id)
        if (try? FileStatus.lstat(staging)) != nil { try Directories.removeTree(staging) }
        // The folders whose new entries are synced once the delivery is renamed into place: `inbox/` (which the
        // staging folder enters and leaves) and the sender's folder. Entries made inside the staging folder are
        // synced before the rename, by `assemble`.
        var placed = DirectorySyncs()
        try Directories.create(staging, mode: 0o750, syncs: &placed)
        let summary: DocumentSummary
        let delivered: [DeliveredAttachment]
        let planned: String
        let verdict: SignatureVerdict
        do {
            let assembled = try assemble(document, message: message, header: header, in: staging, now: now)
            summary = assembled.summary
            delivered = assembled.delivered
            verdict = assembled.verdict
            let notice = assembled.notice
            try Directories.create(senderFolder, syncs: &placed)
            let folderName = SafeFileName.sanitize(summary.folderName, fallback: "van-ban-\(id)")
            planned =
                senderFolder + "/"
                + SafeFileName.uniqueName(folderName) { candidate in
                    (try? FileStatus.lstat(senderFolder + "/" + candidate)) != nil
                }
            _ = try store.annotate(id, note: "delivering to \(planned)") { record in
                record.destinationPath = planned
                record.businessDocType = notice?.kind.rawValue
                record.businessDocumentId = notice?.earlier.first?.documentId
                record.businessNotice = notice?.text
                // Kept with the planned folder too, so a delivery finished after a restart still has it.
                record.signatureVerdict = verdict
            }
            Failpoint.reached("deliver.planned")
            try FileMover.moveReplacingNothing(from: staging, to: planned, syncs: &placed)
        } catch {
            // Whatever stopped the delivery (a ZIP that cannot be unwrapped, refused signatures, a full disk), the
            // clerks must not find a half-assembled folder, possibly holding a rejected document's attachment.
            try? Directories.removeTree(staging)
            throw error
        }
        try placed.sync()
        Failpoint.reached("deliver.moved")
        logger.notice(
            "received from \(message.senderId)",
            metadata: ["DOC_ID": "\(id)", "AXIS_DOC_ID": "\(document.axisDocId ?? "")", "PATH": "\(planned)"])
        let firstFile = delivered.first?.file ?? ""
        let codeNotation = summary.codeNotation
        return try store.transition(id, to: .delivered, note: "delivered to \(planned)") {
            $0.subject = header.subject
            $0.codeNotation = codeNotation
            $0.edxmlDocumentId = header.documentId
            $0.fileName = firstFile
            $0.recipients = message.recipientIds
            $0.signatureVerdict = verdict
        }
    }

    /// Puts the attachments (unwrapped from their ZIPs, under safe names), `signatures.txt`, `document.json`,
    /// `document.txt` and any revoke/update/replace notice into `staging`, and syncs it once for all of them.
    private func assemble(
        _ document: DocumentRecord, message: EdXMLMessage, header: DocumentHeader, in staging: String, now: Date
    ) throws -> (
        summary: DocumentSummary, delivered: [DeliveredAttachment], notice: BusinessNotice?, verdict: SignatureVerdict
    ) {
        let id = document.id!
        var staged = DirectorySyncs()
        var delivered: [DeliveredAttachment] = []
        // The names lienthong writes beside the attachments: a sender's attachment called so gets another name.
        var taken: Set<String> = ["signatures.txt", "document.json", "document.txt"]
        for attachment in message.attachments {
            var source = attachment.filePath
            var wireName = attachment.displayName ?? "tep-dinh-kem-\(attachment.index)"
            var wasZipped = false
            do {
                if let unwrapped = try SingleEntryZip.unwrapIfZipped(
                    path: source, maxUncompressedSize: limits.maxDocumentSize)
                {
                    source = unwrapped.path
                    wasZipped = true
                    // The entry name is untrusted too; prefer the manifest's name, keeping the real extension.
                    wireName = Self.nameForUnwrapped(manifestName: wireName, entryName: unwrapped.entryName)
                }
            } catch {
                throw InboundFailure.rejected("attachment \(attachment.index): \(error)")
            }
            let safe = SafeFileName.uniqueName(SafeFileName.sanitize(wireName)) { taken.contains($0.lowercased()) }
            taken.insert(safe.lowercased())
            try FileMover.moveReplacingNothing(from: source, to: staging + "/" + safe, syncs: &staged)
            // The spool's decoded attachments (and a ZIP's unwrapped entry beside them) are scratch, decoded again
            // from the envelope by a delivery after a crash: the name that counts is the new one in `staging`.
            staged.drop((source as NSString).deletingLastPathComponent)
            let size = (try? FileStatus.lstat(staging + "/" + safe).size) ?? attachment.byteSize
            delivered.append(
                DeliveredAttachment(
                    file: safe, nameOnTheWire: attachment.displayName, contentType: attachment.contentType,
                    size: size, unwrappedFromZip: wasZipped))
        }
        let (signatures, warning) = try checkSignatures(of: delivered, in: staging, document: document)
        let summary = DocumentSummary(
            axisDocId: document.axisDocId ?? "", header: header, attachments: delivered, warnings: message.warnings,
            receivedAt: now, signatures: signatures, warning: warning, business: message.business,
            timeZone: agency.timeZone)
        let signaturesText = SignaturesReport(signatures: signatures, warning: warning).text
        try DurableFile.write(
            together: [
                (staging + "/signatures.txt", Array(signaturesText.utf8)),
                (staging + "/document.json", summary.json),
                (staging + "/document.txt", Array(summary.text.utf8)),
            ], syncs: &staged)
        let notice = BusinessNotice(business: message.business, header: header, requestId: id) { documentId in
            try? store.inbound(edxmlDocumentId: documentId, agency: agency.code, excluding: id)
        }
        if let notice {
            let name = SafeFileName.uniqueName(BusinessNotice.fileName) { taken.contains($0.lowercased()) }
            try DurableFile.write(together: [(staging + "/" + name, Array(notice.text.utf8))], syncs: &staged)
            if notice.kind == .revoke { leaveRevokeNotice(notice, document: document) }
        }
        try staged.sync()
        return (summary, delivered, notice, signatures.verdict)
    }

    /// Verifies every signature of the staged attachments and applies the agency's `inbound_policy`
    /// (``SignaturePolicy``): returns the findings and the warning to put first, or throws
    /// ``InboundFailure/rejectedSignatures(reason:signaturesText:)`` when the document must be quarantined.
    private func checkSignatures(
        of delivered: [DeliveredAttachment], in staging: String, document: DocumentRecord
    ) throws -> (AttachmentSignatures, [String]) {
        let signatures = try InboundSignatureVerifier(trustedRoots: agency.trustedRoots, timeZone: agency.timeZone)
            .check(folder: staging, files: delivered.map(\.file))
        let verdict = signatures.verdict
        let decision = SignaturePolicy.decide(policy: agency.inboundPolicy, verdict: verdict)
        let metadata: Logger.Metadata = [
            "DOC_ID": "\(document.id ?? 0)", "AXIS_DOC_ID": "\(document.axisDocId ?? "")",
        ]
        switch decision {
        case .quarantine:
            let text = SignaturesReport(signatures: signatures, warning: SignaturePolicy.warning(for: signatures)).text
            throw InboundFailure.rejectedSignatures(
                reason: SignaturePolicy.quarantineReason(policy: agency.inboundPolicy, signatures: signatures),
                signaturesText: text, verdict: verdict)
        case .deliverWithWarning:
            let files = signatures.filesWithoutValidSignature.joined(separator: ", ")
            logger.warning(
                "received a document with attachments lacking a valid signature (\(verdict.rawValue)): \(files)",
                metadata: metadata)
            return (signatures, SignaturePolicy.warning(for: signatures))
        case .deliver:
            if verdict == .tampered {
                logger.warning(
                    "delivering a document with a broken signature because inbound_policy is accept",
                    metadata: metadata)
            }
            return (signatures, [])
        }
    }

    /// Tells the clerk in the earlier document's folder that its sender asks to revoke it. The name carries the
    /// request's id, so a repeated delivery step rewrites the same file. The request's own notice says the same,
    /// so a failure here is only logged.
    private func leaveRevokeNotice(_ notice: BusinessNotice, document: DocumentRecord) {
        for earlier in notice.earlier {
            guard let folder = earlier.record?.destinationPath, (try? FileStatus.lstat(folder))?.kind == .directory
            else { continue }
            let path = folder + "/THONG-BAO-THU-HOI-\(notice.requestId).txt"
            do {
                try DurableFile.write(Array(notice.earlierFolderText.utf8), to: path, replaceExisting: true)
            } catch {
                logger.warning(
                    "cannot leave the revoke notice in \(folder): \(error)",
                    metadata: ["DOC_ID": "\(document.id ?? 0)", "PATH": "\(path)"])
            }
        }
    }

    /// VNPT wraps files in a ZIP whose entry is `<uuid>.<ext>`; the manifest name is what the sender called it.
    static func nameForUnwrapped(manifestName: String, entryName: String) -> String {
        let entryExtension = (entryName as NSString).pathExtension
        let manifestExtension = (manifestName as NSString).pathExtension
        if entryExtension.isEmpty || entryExtension.lowercased() == manifestExtension.lowercased() {
            return manifestName
        }
        return manifestName + "." + entryExtension
    }
}
