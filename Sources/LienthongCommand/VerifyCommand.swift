import ArgumentParser
import Config
import Foundation
import Signing

/// `lienthong verify FILE`: who signed a file, and whether the signatures hold.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every signature in a PDF, or FILE.p7s against FILE. Exit 0 only when all are valid.",
        discussion: """
            A PDF signature is valid only when the changes made after it (later incremental updates) are ones it \
            permits: further signatures, form filling, validation data; a changed page, a new annotation (unless \
            the author's certification allows them) or anything that cannot be analysed makes it NOT VALID.
            """)

    @Argument(help: "The file to check.") var file: String
    @Option(name: .customLong("trust"), help: "A trusted root certificate (PEM); repeat for several.")
    var trusted: [String] = []

    func run() throws {
        var allValid = true
        do {
            if PDFKind.isPDF(path: file) {
                let reports = try PDFSignatureVerifier.verify(pdfAt: file, trustedCertificatePaths: trusted)
                if reports.isEmpty {
                    print("\(file): no signature")
                    throw ExitCode.failure
                }
                for report in reports {
                    allValid = allValid && report.isValid
                    let verdict = report.isValid ? "VALID" : "NOT VALID"
                    print(
                        "\(report.fieldName): \(verdict) — \(report.signerSubject ?? "unknown signer")"
                            + (report.signingTime.map { ", signed \(localTime($0, in: .vietnam))" } ?? ""))
                    if let line = laterChangesLine(report) { print("  \(line)") }
                    if let line = timestampLine(report.timestamp) { print("  \(line)") }
                    for problem in report.problems { print("  \(problem)") }
                    for note in report.notes { print("  note: \(note)") }
                }
            } else {
                let signaturePath = file + ".p7s"
                let signature = try Array(Data(contentsOf: URL(fileURLWithPath: signaturePath)))
                let report = try CMSVerifier.verifyDetached(
                    signature: signature, contentPath: file, trustedCertificatePaths: trusted)
                allValid = report.chainValid
                print(
                    "\(signaturePath): signature matches \(file) — \(report.signerSubject)"
                        + (report.chainValid ? ", trusted" : ", NOT trusted: \(report.chainProblem ?? "unknown root")"))
                if let line = timestampLine(report.timestamp) { print("  \(line)") }
                for note in report.notes { print("  note: \(note)") }
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(file): NOT VALID: \(error)")
            throw ExitCode.failure
        }
        if !allValid { throw ExitCode.failure }
    }

    /// What changed after the signature, Vietnamese then English; nil when nothing did.
    private func laterChangesLine(_ report: PDFSignatureReport) -> String? {
        let certification = report.docMDP.map { " (certification, DocMDP P=\($0.rawValue))" } ?? ""
        switch report.laterChanges {
        case .none:
            if report.modifiedAfterSigning { return "changed after this signature\(certification)" }
            return report.docMDP.map { "certification signature, DocMDP P=\($0.rawValue)" }
        case .permitted(let kinds):
            let vietnamese = kinds.map(\.vietnamese).joined(separator: ", ")
            let english = kinds.map(\.english).joined(separator: ", ")
            return "thay đổi sau khi ký được phép: \(vietnamese) / permitted changes after signing: \(english)"
                + certification
        case .notPermitted(let problem):
            return "KHÔNG HỢP LỆ: \(problem.vietnamese) / NOT VALID: \(problem.english)\(certification)"
        }
    }

    /// "timestamped 2026-11-25 14:03 by CN=…" for an RFC 3161 signature timestamp, nil when there is none.
    private func timestampLine(_ timestamp: TimestampReport?) -> String? {
        guard let timestamp else { return nil }
        let time = timestamp.time.map { " \(localTime($0, in: .vietnam))" } ?? ""
        let authority = timestamp.authority.map { " by \($0)" } ?? ""
        return (timestamp.isValid ? "timestamped" : "timestamp NOT VALID:") + time + authority
    }
}
