import Foundation
import Logging
import Signing
import StateStore
import SystemSupport

/// Step 5 of the outbound pipeline: the agency's signature over the claimed file.
///
/// A PDF gets an embedded PAdES signature (Decree 30/2020: the signature that counts is inside the PDF), written as
/// a new incremental revision into `signed/` in the spool; the original stays untouched beside it. Any other file
/// gets a detached CMS signature sent as `<name>.p7s`. A document folder's files are each signed the same way.
struct SigningStep: Sendable {
    let store: DocumentStore
    let spool: OutboundSpool
    let signer: any Signer
    let pdfSigner: PAdESSigner
    let logger: Logger

    func sign(_ document: DocumentRecord) throws -> DocumentRecord {
        let id = document.id!
        var notes: [String] = []
        for name in try spool.attachmentNames(of: document) {
            notes.append(try sign(file: name, of: id, skipDone: document.isDocumentFolder))
        }
        return try store.transition(id, to: .signed, note: notes.joined(separator: "; "))
    }

    /// Signs one file of the document; in a document folder a file signed before a restart is not signed again.
    private func sign(file name: String, of id: Int64, skipDone: Bool) throws -> String {
        let original = spool.original(of: id, fileName: name)
        if PDFKind.isPDF(path: original) {
            let signed = spool.signedPDF(of: id, fileName: name)
            if skipDone, (try? FileStatus.lstat(signed)) != nil { return "\(name): signed before a restart" }
            try Directories.create((signed as NSString).deletingLastPathComponent, mode: 0o700)
            let field: String
            do {
                field = try pdfSigner.sign(pdfAt: original, to: signed)
            } catch {
                throw Self.failure(error, file: original)
            }
            return "\(name): signed inside the PDF (PAdES, field \(field))"
        }
        let signaturePath = spool.signature(of: id, fileName: name)
        if skipDone, (try? FileStatus.lstat(signaturePath)) != nil { return "\(name): signed before a restart" }
        let signature: [UInt8]
        do {
            signature = try signer.detachedSignature(ofFileAt: original)
        } catch {
            throw Self.failure(.signing(error), file: original)
        }
        try DurableFile.write(signature, to: signaturePath, replaceExisting: true)
        return "\(name): signed (detached CMS, \(signature.count) bytes)"
    }

    /// A PDF that cannot be signed (encrypted, damaged, locked by its author) needs the clerk; a problem with the
    /// agency key or certificate needs the admin, and the document waits for it rather than failing.
    static func failure(_ error: PAdESError, file: String) -> OutboundFailure {
        switch error {
        case .pdf(let problem):
            return .permanent("cannot sign \(file): \(problem)", clerk: .unsignablePDF("\(problem)"))
        case .signing, .signatureTooLarge, .outputFailed:
            return .transient("cannot sign \(file): \(error)")
        }
    }
}
