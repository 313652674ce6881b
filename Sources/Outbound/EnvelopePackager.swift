import AxisProtocol
import Config
import CryptoPrimitives
import EdXML
import Foundation
import Logging
import StateStore
import SystemSupport

/// Step 6 of the outbound pipeline: writes the edXML envelope that every send of this document will use, and
/// commits the signing step's result with it.
///
/// The envelope is fixed before the first send (reliability.md): rewriting it is harmless only before `packaged` is
/// committed, because nothing has left the machine yet. So an envelope found here is what a crash left between
/// writing it and committing `packaged`; it is replaced, never refused (a refusal stranded documents in `signed`).
/// The header is resolved again from the metadata file in the spool and validated; metadata that became invalid
/// (a configuration reload) fails the document permanently.
struct EnvelopePackager: Sendable {
    let agency: AgencyConfig
    let store: DocumentStore
    let spool: OutboundSpool
    let logger: Logger
    /// The time the metadata is judged by again ("not in the future") and `packaged` is recorded at; tests fix it.
    let clock: @Sendable () -> Date

    init(
        agency: AgencyConfig, store: DocumentStore, spool: OutboundSpool, logger: Logger,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.agency = agency
        self.store = store
        self.spool = spool
        self.logger = logger
        self.clock = clock
    }

    /// Writes the envelope of a `signed` document, or of a `claimed` one whose files ``SigningStep`` has just
    /// signed (`signing` says how), and records `packaged` (with `signed` before it, in the same commit).
    func package(_ document: DocumentRecord, signing: String? = nil) throws -> DocumentRecord {
        var syncs = DirectorySyncs()
        return try package(document, signing: signing, syncs: &syncs)
    }

    /// ``package(_:signing:)`` after a signing that left the folders of its new files in `syncs`: they are synced
    /// with the envelope's folder, each once, before the commit.
    func package(_ document: DocumentRecord, signing: String?, syncs: inout DirectorySyncs) throws -> DocumentRecord {
        precondition(document.state == .signed || signing != nil, "a claimed document is signed first")
        let now = clock()
        let id = document.id!
        let (header, metadata) = try OutboundMetadata.claimed(document, agency: agency, spool: spool, now: now)
            .completeHeader()
        // Signed PDFs instead of originals, other files with their .p7s, non-raw types wrapped in a ZIP.
        let attachments = try OutboundAttachments(spool: spool).list(for: document)
        let digest: Digest
        do {
            try Directories.removeTree(spool.envelope(of: id))
            digest = try EdXMLWriter().writeDocument(
                header: header, traces: [],
                business: try BusinessBlock.info(for: document, header: header, store: store),
                attachments: attachments, to: spool.envelope(of: id), syncs: &syncs)
        } catch {
            throw OutboundFailure.transient("cannot write the envelope: \(error)")
        }
        do {
            try syncs.sync()
        } catch {
            throw OutboundFailure.transient("cannot make the signed files and the envelope durable: \(error)")
        }
        Failpoint.reached("package.written")
        var steps: [(DocumentState, String)] = []
        if document.state == .claimed, let signing { steps.append((.signed, signing)) }
        steps.append((.packaged, "envelope written: DocumentId \(header.documentId ?? "")"))
        return try store.transition(id, through: steps, now: now) {
            $0.edxmlDocumentId = header.documentId
            $0.subject = header.subject
            $0.codeNotation = metadata.codeNotation
            $0.recipients = metadata.recipients
            $0.envelopeHashFile = HashFile.value(of: digest)
        }
    }
}
