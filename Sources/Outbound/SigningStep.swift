import Config
import CryptoPrimitives
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
/// PDFs from the outbox folders named in `visible_signature` carry the Decree 30 visible box with the document's
/// number/notation; the others are signed invisibly.
struct SigningStep: Sendable {
    let agency: AgencyConfig
    let spool: OutboundSpool
    let signer: any Signer
    let pdfSigner: PAdESSigner
    let logger: Logger

    /// Signs the claimed document's files and returns what was done, in words for its history. Nothing is committed
    /// here: ``EnvelopePackager`` records `signed` and `packaged` together once the envelope is written, because
    /// until then a restart may simply sign again (nothing has left the machine). For the same reason the new
    /// files' names need not be durable yet: their folders are added to `syncs`, which the packager syncs once
    /// with the envelope's before its commit (the document's spool folder is then synced once, not twice).
    func sign(_ document: DocumentRecord, syncs: inout DirectorySyncs) throws -> String {
        let id = document.id!
        let metadata = OutboundMetadata.claimed(document, agency: agency, spool: spool)
        try refuseSecret(document, metadata: metadata)
        var notes: [String] = []
        var options: PAdESOptions?
        let pdfOptions = { () throws(OutboundFailure) -> PAdESOptions in
            if let options { return options }
            let made = try self.pdfOptions(for: metadata)
            options = made
            return made
        }
        for name in try spool.attachmentNames(of: document) {
            notes.append(
                try sign(
                    file: name, of: id, skipDone: document.isDocumentFolder, options: pdfOptions,
                    claimedDigest: { claimedDigest(of: document, at: $0) }, syncs: &syncs))
        }
        Failpoint.reached("sign.written")
        return notes.joined(separator: "; ")
    }

    /// Signs one file of the document; in a document folder a file signed before a restart is not signed again.
    private func sign(
        file name: String, of id: Int64, skipDone: Bool, options: () throws(OutboundFailure) -> PAdESOptions,
        claimedDigest: (String) -> [UInt8]?, syncs: inout DirectorySyncs
    ) throws -> String {
        let original = spool.original(of: id, fileName: name)
        if PDFKind.isPDF(path: original) {
            let signed = spool.signedPDF(of: id, fileName: name)
            if skipDone, (try? FileStatus.lstat(signed)) != nil { return "\(name): signed before a restart" }
            // A signed copy left by a crash before `signed` was committed is redone: nothing has been sent yet.
            try Directories.removeTree(signed)
            try Directories.create((signed as NSString).deletingLastPathComponent, mode: 0o700, syncs: &syncs)
            let options = try options()
            let field: PAdESSignedField
            do {
                field = try pdfSigner.sign(pdfAt: original, to: signed, options: options, syncs: &syncs)
            } catch {
                throw Self.failure(error, file: original)
            }
            let kind =
                switch (options.visibleBox != nil, field.isVisible) {
                case (_, true): "PAdES, Decree 30 visible box"
                case (true, false):
                    "PAdES, invisible: the author certified the PDF without an empty signature field for the box"
                case (false, false): "PAdES"
                }
            return "\(name): signed inside the PDF (\(kind), field \(field.name))"
        }
        let signaturePath = spool.signature(of: id, fileName: name)
        if skipDone, (try? FileStatus.lstat(signaturePath)) != nil { return "\(name): signed before a restart" }
        let signature: [UInt8]
        do {
            if let digest = claimedDigest(original) {
                signature = try signer.detachedSignature(ofContentWithSHA256: digest)
            } else {
                signature = try signer.detachedSignature(ofFileAt: original)
            }
        } catch {
            throw Self.failure(.signing(error), file: original)
        }
        try DurableFile.write(signature, to: signaturePath, replaceExisting: true, syncs: &syncs)
        return "\(name): signed (detached CMS, \(signature.count) bytes)"
    }

    /// The SHA-256 the claim computed for a single-file document, when the file at `path` in the spool is still the
    /// one the claim read: the same inode, size and modification time (a rename into the spool keeps all three; a
    /// copy across filesystems does not, and the file is then read again). Its bytes are what the envelope carries,
    /// so a detached signature over this digest needs no second pass over a large file. Nil for a document folder
    /// (its recorded digest is of its checksum list).
    private func claimedDigest(of document: DocumentRecord, at path: String) -> [UInt8]? {
        guard !document.isDocumentFolder, let hex = document.sha256, let digest = Hex.decode(hex), digest.count == 32,
            let status = try? FileStatus.lstat(path), status.kind == .regular,
            Int64(bitPattern: status.inode) == document.fileInode, status.size == document.fileSize,
            status.modificationTime.nanosecondsSince1970 == document.fileModifiedNanos
        else { return nil }
        return digest
    }

    /// The last gate before the agency key touches the document: a secret one (văn bản mật) is refused even when
    /// a crash skipped the check at the claim. A metadata file that cannot be read cannot say the document is not
    /// secret, so it stops the document here with the metadata problems.
    private func refuseSecret(_ document: DocumentRecord, metadata: OutboundMetadata) throws(OutboundFailure) {
        if let marking = SecretMarking.of(metadata) {
            marking.log(documentID: document.id!, fileName: document.fileName, logger: logger)
            throw marking.failure
        }
        if !metadata.sidecar.problems.isEmpty { _ = try metadata.completeHeader() }
    }

    /// The PAdES options for the document's PDFs: the visible box when the first folder below `outbox/` (the
    /// recipient or route folder) is listed in `visible_signature.folders`.
    func pdfOptions(for metadata: OutboundMetadata) throws(OutboundFailure) -> PAdESOptions {
        let components = metadata.relativeComponents
        let folder = components.count >= 2 ? components[0] : ""
        let settings = agency.visibleSignature
        guard settings.appliesTo(folder: folder) else { return PAdESOptions() }
        do {
            let box = try VisibleSignatureBox(
                numberNotation: metadata.resolve().codeNotation, fontPath: settings.font)
            return PAdESOptions(visibleBox: box)
        } catch {
            switch error {
            case .font:
                // The admin's to fix (install fonts-liberation2, or correct the path); the document waits.
                throw .transient(
                    "cannot make the visible signature box: \(error); install fonts-liberation2 or correct "
                        + "visible_signature.font of agency \(agency.code)")
            case .missingGlyph, .invalidText:
                throw .permanent(
                    "cannot make the visible signature box: \(error)", clerk: .unprintableNotation("\(error)"))
            }
        }
    }

    /// A PDF that cannot be signed (encrypted, damaged, locked by its author) needs the clerk; a problem with the
    /// agency key or certificate needs the admin, and the document waits for it rather than failing.
    static func failure(_ error: PAdESError, file: String) -> OutboundFailure {
        switch error {
        case .pdf(let problem):
            return .permanent("cannot sign \(file): \(problem)", clerk: .unsignablePDF("\(problem)"))
        case .signing(let signingError) where signingError.isKeyProblem:
            return .signingKey("cannot sign \(file): \(error)", problem: "cannot sign: \(signingError)")
        case .signing, .signatureTooLarge, .outputFailed:
            return .transient("cannot sign \(file): \(error)")
        }
    }
}
