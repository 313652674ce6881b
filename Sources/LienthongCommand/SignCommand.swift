import ArgumentParser
import Foundation
import Signing
import SystemSupport

/// `lienthong sign FILE`: signs a file by hand with the agency key, as the pipeline would.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a file with the agency key: a PDF gets an embedded PAdES signature, others a detached .p7s.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "The file to sign.") var file: String
    @Option(help: "Where to write the signed PDF or the .p7s (default: FILE-signed.pdf, or FILE.p7s).") var out: String?

    func run() throws {
        let config = try options.load()
        do {
            let identity = try SigningIdentity.load(config.signing)
            if PDFKind.isPDF(path: file) {
                let output = out ?? Self.signedName(file)
                let field = try PAdESSigner(identity: identity).sign(pdfAt: file, to: output)
                print("signed \(output) (field \(field)) as \(identity.subject)")
            } else {
                let output = out ?? file + ".p7s"
                let signature = try CMSSigner(identity: identity).detachedSignature(ofFileAt: file)
                try DurableFile.write(signature, to: output, mode: 0o644)
                print("wrote \(output) (detached CMS) as \(identity.subject)")
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
