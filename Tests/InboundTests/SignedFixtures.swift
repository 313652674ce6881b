import Foundation
import Signing

/// A throwaway signer (self-signed EC certificate made with the `openssl` command line) and the files it signs, in
/// a fresh temporary directory removed by ``remove()``.
struct SignedFixtures {
    static let organisation = "Sở Nội vụ tỉnh Nghệ An"
    static let commonName = "Văn thư Sở Nội vụ"

    let directory: String
    let certificate: String
    let identity: SigningIdentity

    init() throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "lienthong-inbound-\(UUID().uuidString)"
            ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let key = directory + "/key.pem"
        certificate = directory + "/cert.pem"
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
            "-out", certificate, "-days", "30", "-utf8", "-subj",
            "/C=VN/O=\(Self.organisation)/CN=\(Self.commonName)", "-set_serial", "0x5403A1F0C2",
        ]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else {
            throw FixtureError("openssl req exited \(openssl.terminationStatus)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        identity = try SigningIdentity.load(privateKeyPath: key, certificatePath: certificate)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// A folder for one document's attachments.
    func folder(_ name: String) throws -> String {
        let path = directory + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func write(_ bytes: [UInt8], _ name: String, in folder: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
    }

    func read(_ name: String, in folder: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
    }

    /// Writes a PAdES-signed one-page PDF as `name`.
    func writeSignedPDF(_ name: String, in folder: String) throws {
        let unsigned = directory + "/unsigned-\(UUID().uuidString).pdf"
        try Data(Self.pdf()).write(to: URL(fileURLWithPath: unsigned))
        try PAdESSigner(identity: identity).sign(pdfAt: unsigned, to: folder + "/" + name)
    }

    /// Appends to `name` an unsigned incremental update that replaces page 1's content stream (object 4) with one
    /// that shows `text`: what a forger would do to a signed PDF.
    func appendPageContentRevision(_ name: String, in folder: String, text: String = "forged") throws {
        let bytes = try read(name, in: folder)
        let file = String(decoding: bytes, as: UTF8.self)
        guard let marker = file.range(of: "startxref", options: .backwards),
            let size = file.range(of: #"/Size (\d+)"#, options: [.regularExpression, .backwards])
        else { throw FixtureError("\(name) has no startxref or /Size") }
        let previous = file[marker.upperBound...].drop { !$0.isNumber }.prefix { $0.isNumber }
        let content = "BT /F1 12 Tf 72 720 Td (\(text)) Tj ET"
        let object = "4 0 obj\n<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream\nendobj\n"
        let objectOffset = bytes.count
        let xrefOffset = objectOffset + object.utf8.count
        let update =
            object + "xref\n0 1\n0000000000 65535 f \n4 1\n" + String(format: "%010d 00000 n \n", objectOffset)
            + "trailer\n<< \(file[size]) /Root 1 0 R /Prev \(previous) >>\nstartxref\n\(xrefOffset)\n%%EOF\n"
        try write(bytes + Array(update.utf8), name, in: folder)
    }

    /// Signs `name` again with this signer (as the sending agency would), in place.
    func signAgain(_ name: String, in folder: String) throws {
        let input = directory + "/resign-\(UUID().uuidString).pdf"
        try FileManager.default.moveItem(atPath: folder + "/" + name, toPath: input)
        try PAdESSigner(identity: identity).sign(pdfAt: input, to: folder + "/" + name)
    }

    /// Writes `bytes` as `name` and its detached signature as `name.p7s`.
    func writeSignedFile(_ bytes: [UInt8], _ name: String, in folder: String) throws {
        try write(bytes, name, in: folder)
        let signature = try CMSSigner(identity: identity).detachedSignature(ofFileAt: folder + "/" + name)
        try write(signature, name + ".p7s", in: folder)
    }

    /// A small complete one-page PDF with a classic xref table.
    static func pdf() -> [UInt8] {
        let content = "BT /F1 12 Tf 72 720 Td (inbound) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
                + "/Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var bytes = Array("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(bytes.count)
            bytes += Array("\(index + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = bytes.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return bytes + Array(table.utf8)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
