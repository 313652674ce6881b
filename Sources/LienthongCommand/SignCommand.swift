import ArgumentParser
import Daemon
import Foundation
import Signing
import SystemSupport

/// `lienthong sign FILE`: signs a file by hand with the agency key, as the pipeline would (with the configured
/// timestamp authority, if any).
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a file with the agency key: a PDF gets an embedded PAdES signature, others a detached .p7s.",
        discussion: """
            With signing.timestamp_url configured, the signature is timestamped (PAdES B-T). --visible adds the \
            Decree 30 box at the top right of page 1 with the given number/notation and the signing time.
            """)

    @OptionGroup var options: ConfigOption
    @Argument(help: "The file to sign.") var file: String
    @Option(help: "Where to write the signed PDF or the .p7s (default: FILE-signed.pdf, or FILE.p7s).") var out: String?
    @Option(
        name: .customLong("visible"),
        help: ArgumentHelp(
            "Show the Decree 30 visible box on page 1 of a PDF with this number/notation, e.g. \"12/GM-UBND\".",
            valueName: "NUMBER/NOTATION"))
    var visibleNotation: String?
    @Option(help: "TrueType font of the visible box (default: Liberation Serif from fonts-liberation2).")
    var font: String = VisibleSignatureBox.defaultFontPath

    func validate() throws {
        if visibleNotation != nil, !PDFKind.isPDF(path: file) {
            throw ValidationError("--visible applies to PDFs only; \(file) is not a PDF")
        }
    }

    func run() throws {
        let config = try options.load()
        do {
            let signers = try SignerFactory.signers(for: config)
            let subject = try SignerFactory.subject(of: signers.key)
            if PDFKind.isPDF(path: file) {
                let output = out ?? Self.signedName(file)
                var options = PAdESOptions()
                if let visibleNotation {
                    options.visibleBox = try VisibleSignatureBox(numberNotation: visibleNotation, fontPath: font)
                }
                let field = try signers.pdf.sign(pdfAt: file, to: output, options: options)
                print("signed \(output) (field \(field.name)) as \(subject)")
                if options.visibleBox != nil, !field.isVisible {
                    print(
                        "  without the visible box: the document is certified by its author and has no empty "
                            + "signature field for it; a new visible signature field would show that certification "
                            + "as broken")
                }
            } else {
                let output = out ?? file + ".p7s"
                let signature = try signers.detached.detachedSignature(ofFileAt: file)
                try DurableFile.write(signature, to: output, mode: 0o644)
                print("wrote \(output) (detached CMS) as \(subject)")
            }
        } catch {
            printError("cannot sign \(file): \(error)")
            throw ExitCode.failure
        }
    }

    /// `x.pdf` → `x-signed.pdf`, next to it.
    static func signedName(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(stem + "-signed.pdf").path
    }
}
