import Config
import EdXML
import Foundation
import StateStore

/// The metadata file (`x.meta.yaml`) queued with a request: the values the concerned document was sent with, with
/// the admin's `NEWFILE.meta.yaml` on top for an update or a replacement.
///
/// Writing the values out as an ordinary metadata file lets the pipeline treat the request like any document: the
/// claim checks it, the packager builds the MessageHeader from it, and a retry reads the same values again.
enum BusinessMetadata {
    /// The concerned document's values, as its header was resolved when it was sent: its metadata file (in `sent/`
    /// beside it, or still in the spool), its place in the outbox and the defaults; then the number, notation and
    /// date of its recorded DocumentId and the recipients it was actually sent to, which win over anything re-read.
    static func original(_ original: DocumentRecord, agency: AgencyConfig, spool: OutboundSpool, now: Date)
        -> DocumentSidecar
    {
        var candidates: [String] = []
        if let destination = original.destinationPath { candidates.append(destination + DocumentSidecar.suffix) }
        if let id = original.id { candidates.append(spool.sidecar(of: id, fileName: original.fileName)) }
        let reading = candidates.lazy.map { SidecarReading.read(at: $0) }.first { $0 != .absent } ?? .absent
        var known = OutboundMetadata(agency: agency, document: original, sidecar: reading, now: now).resolve().known
        if let text = original.edxmlDocumentId, let identifier = try? DocumentIdentifier(parsing: text),
            !identifier.isOpaque
        {
            known.number = identifier.codeNumber ?? known.number
            known.notation = identifier.codeNotation ?? known.notation
            known.date = identifier.promulgationDate ?? known.date
        }
        if !original.recipients.isEmpty { known.recipients = original.recipients }
        return known
    }

    /// `base` with every value `given` sets. An update may not change what makes the DocumentId.
    static func merge(_ given: DocumentSidecar?, onto base: DocumentSidecar, operation: BusinessOperation)
        throws(BusinessRequestError) -> DocumentSidecar
    {
        guard let given else { return base }
        if operation == .update {
            let fields: [(name: String, new: String?, old: String?)] = [
                ("so/number", given.number, base.number), ("ky_hieu/notation", given.notation, base.notation),
                ("ngay/date", given.date, base.date),
            ]
            let changed = fields.filter { $0.new != nil && $0.new != $0.old }.map(\.name)
            if !changed.isEmpty { throw .updateChangesIdentity(fields: changed) }
        }
        var merged = base
        merged.number = given.number ?? base.number
        merged.notation = given.notation ?? base.notation
        merged.date = given.date ?? base.date
        merged.subject = given.subject ?? base.subject
        merged.content = given.content ?? base.content
        merged.typeName = given.typeName ?? base.typeName
        merged.documentType = given.documentType ?? base.documentType
        merged.typeDetail = given.typeDetail ?? base.typeDetail
        merged.signerName = given.signerName ?? base.signerName
        merged.signerPosition = given.signerPosition ?? base.signerPosition
        merged.signerCompetence = given.signerCompetence ?? base.signerCompetence
        merged.place = given.place ?? base.place
        merged.priority = given.priority ?? base.priority
        merged.steeringType = given.steeringType ?? base.steeringType
        merged.recipients = given.recipients.isEmpty ? base.recipients : given.recipients
        merged.dueDate = given.dueDate ?? base.dueDate
        merged.pageAmount = given.pageAmount ?? base.pageAmount
        merged.promulgationAmount = given.promulgationAmount ?? base.promulgationAmount
        return merged
    }
}
