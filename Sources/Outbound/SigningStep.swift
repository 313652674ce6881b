import Foundation
import Logging
import Signing
import StateStore
import SystemSupport

/// Step 5 of the outbound pipeline: the agency's signature over the claimed file.
///
/// For now every file gets a detached CMS signature sent as `<name>.p7s` beside it; PDFs will get an embedded
/// PAdES signature instead (issue 5).
struct SigningStep: Sendable {
    let store: DocumentStore
    let spool: OutboundSpool
    let signer: any Signer
    let logger: Logger

    func sign(_ document: DocumentRecord) throws -> DocumentRecord {
        let id = document.id!
        let original = spool.original(of: id, fileName: document.fileName)
        let signature: [UInt8]
        do {
            signature = try signer.detachedSignature(ofFileAt: original)
        } catch {
            // A signing failure is the agency key or certificate, not the document: the admin must fix it, and
            // the document waits (retried) rather than bothering the clerk.
            throw OutboundFailure.transient("cannot sign \(original): \(error)")
        }
        try DurableFile.write(signature, to: spool.signature(of: id, fileName: document.fileName), replaceExisting: true)
        return try store.transition(id, to: .signed, note: "signed (detached CMS, \(signature.count) bytes)")
    }
}
