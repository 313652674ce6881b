import Config
import Foundation
import Signing
import SystemSupport

/// Checks every signature on the attachments of one received document, in the staging folder, before delivery.
///
/// PDFs (recognised by content) have each signature field checked by ``PDFSignatureVerifier``; every `<name>.p7s`
/// whose `<name>` is another attachment is checked against it by ``CMSVerifier``. A fault of the file (a damaged
/// PDF, a malformed or oversized `.p7s`) becomes an ``SignatureCheck/Outcome/unreadable`` check, never an error;
/// only faults of this machine (an unreadable trust root, an I/O error) throw ``InboundFailure/transient(_:)`` so
/// the document is tried again once they are fixed. Blocking: call it on the Offload queue.
struct InboundSignatureVerifier: Sendable {
    /// PEM files of the trust anchors (`inbound.trusted_roots`).
    let trustedRoots: [String]
    /// The agency's `time_zone`, for the signing and timestamp times reported.
    var timeZone: CivilTimeZone = .vietnam

    /// A detached CMS signature with its certificate chain is a few kilobytes; anything larger is not one.
    static let maximumDetachedSignatureBytes = 1 << 20

    /// - Parameters:
    ///   - folder: where the attachments are.
    ///   - files: the attachments' names in `folder`, in delivery order.
    func check(folder: String, files: [String]) throws(InboundFailure) -> AttachmentSignatures {
        let present = Set(files)
        var detached: [String: [String]] = [:]
        for name in files where name.lowercased().hasSuffix(".p7s") {
            let content = String(name.dropLast(4))
            if present.contains(content) { detached[content, default: []].append(name) }
        }
        let signatureFiles = Set(detached.values.joined())
        let signable = files.filter { !signatureFiles.contains($0) }

        var checks: [SignatureCheck] = []
        var unsigned: [String] = []
        for file in signable {
            let path = folder + "/" + file
            var found: [SignatureCheck] = []
            if PDFKind.isPDF(path: path) { found += try checkPDF(file: file, path: path) }
            for signature in detached[file] ?? [] {
                found.append(try checkDetached(file: file, path: path, signature: signature, folder: folder))
            }
            if found.isEmpty { unsigned.append(file) }
            checks += found
        }
        return AttachmentSignatures(checks: checks, unsigned: unsigned, signable: signable)
    }

    private func checkPDF(file: String, path: String) throws(InboundFailure) -> [SignatureCheck] {
        let reports: [PDFSignatureReport]
        do {
            reports = try PDFSignatureVerifier.verify(pdfAt: path, trustedCertificatePaths: trustedRoots)
        } catch {
            if let machineFault = Self.machineFault(error) { throw .transient("checking \(file): \(machineFault)") }
            return [
                SignatureCheck(
                    file: file, kind: .pdf, outcome: .unreadable, changedAfterSigning: false,
                    problems: [Self.named(error.description, path: path, file: file)], timeZone: timeZone)
            ]
        }
        return reports.map { report in
            let outcome: SignatureCheck.Outcome
            if report.subFilter != "ETSI.CAdES.detached" && report.subFilter != "adbe.pkcs7.detached" {
                outcome = .unreadable
            } else if !report.integrityValid {
                outcome = .integrityBroken
            } else if !report.laterChanges.isPermitted {
                outcome = .modifiedAfterSigning
            } else {
                outcome = report.chainValid ? .valid : .untrusted
            }
            return SignatureCheck(
                file: file, kind: .pdf, field: report.fieldName, subject: report.signerSubject,
                serial: report.signerSerialHex, signingTime: report.signingTime,
                outcome: outcome,
                changedAfterSigning: report.integrityValid && !report.laterChanges.isPermitted,
                problems: report.problems.map { Self.named($0, path: path, file: file) },
                laterChanges: report.integrityValid ? report.laterChanges : nil, docMDP: report.docMDP,
                timestamp: report.timestamp, notes: report.notes, timeZone: timeZone)
        }
    }

    private func checkDetached(file: String, path: String, signature: String, folder: String)
        throws(InboundFailure) -> SignatureCheck
    {
        func check(_ outcome: SignatureCheck.Outcome, _ problem: String) -> SignatureCheck {
            SignatureCheck(
                file: file, kind: .detached, signatureFile: signature, outcome: outcome, changedAfterSigning: false,
                problems: [problem], timeZone: timeZone)
        }
        let bytes: [UInt8]
        switch try Self.readSmall(folder + "/" + signature, limit: Self.maximumDetachedSignatureBytes) {
        case .some(let read): bytes = read
        case .none:
            return check(
                .unreadable, "\(signature) is larger than \(Self.maximumDetachedSignatureBytes) bytes: not a signature")
        }
        let report: SignatureReport
        do {
            report = try CMSVerifier.verifyDetached(
                signature: bytes, contentPath: path, trustedCertificatePaths: trustedRoots)
        } catch {
            if let machineFault = Self.machineFault(error) {
                throw .transient("checking \(signature): \(machineFault)")
            }
            let problem = Self.named(error.description, path: path, file: file)
            if case .signatureMismatch = error { return check(.integrityBroken, problem) }
            return check(.unreadable, problem)
        }
        return SignatureCheck(
            file: file, kind: .detached, signatureFile: signature, subject: report.signerSubject,
            serial: report.signerSerialHex, signingTime: report.signingTime,
            outcome: report.chainValid ? .valid : .untrusted, changedAfterSigning: false,
            problems: report.chainProblem.map { ["certificate chain: \($0)"] } ?? [],
            timestamp: report.timestamp, notes: report.notes, timeZone: timeZone)
    }

    /// The problem's description when it is this machine's fault rather than the received file's.
    private static func machineFault(_ error: PAdESError) -> String? {
        switch error {
        case .signing(let signing): machineFault(signing) ?? signing.description
        case .pdf(.unreadable): error.description
        case .pdf, .signatureTooLarge, .outputFailed: nil
        }
    }

    private static func machineFault(_ error: SigningError) -> String? {
        switch error {
        case .fileMissing(_, let role), .fileUnreadable(_, let role, _), .notRegularFile(_, let role),
            .fileTooLarge(_, let role, _):
            role == .trustedCertificate || role == .content ? error.description : nil
        case .invalidCertificate, .fileChangedWhileReading, .openSSL:
            // A trusted root that is not a certificate, a file changed under us, OpenSSL out of memory.
            error.description
        case .insecurePermissions, .passwordRequired, .wrongPassword, .invalidPrivateKey, .keyCertificateMismatch,
            .certificateExpired, .certificateNotYetValid, .malformedSignature, .signatureMismatch, .keyUnavailable,
            .token, .remoteSigning,
            .timestampUnavailable, .timestampRejected:
            nil
        }
    }

    /// The file's bytes, or nil when it has more than `limit`. Opened without following links.
    private static func readSmall(_ path: String, limit: Int) throws(InboundFailure) -> [UInt8]? {
        do {
            let (descriptor, status) = try SafeOpen.openUntrustedRegularFile(at: path)
            defer { try? descriptor.close() }
            guard status.size <= Int64(limit) else { return nil }
            var bytes = [UInt8](repeating: 0, count: Int(status.size))
            let count = try bytes.withUnsafeMutableBytes { buffer throws(SystemError) in
                try descriptor.readFully(into: buffer)
            }
            return Array(bytes.prefix(count))
        } catch {
            throw .transient("reading \(path): \(error)")
        }
    }

    /// Messages name the staging path; the inbox folder's readers know the file by its name.
    private static func named(_ message: String, path: String, file: String) -> String {
        message.replacingOccurrences(of: path, with: file)
    }
}
