import Foundation
import Testing

/// Test PDFs made at test time by independent producers (reportlab, qpdf), and the validators that judge signed
/// files (qpdf --check, poppler's pdfsig with a temporary NSS database, pyHanko).
struct PDFCorpus {
    let directory: URL
    let caPath: String

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A two-page PDF with classic cross-reference tables, drawn by reportlab with Vietnamese metadata.
    func reportlab(_ name: String) throws -> String {
        let output = path(name)
        let script = """
            import sys
            try:
                from reportlab.pdfgen import canvas
            except ImportError:
                sys.exit(3)
            c = canvas.Canvas(sys.argv[1])
            c.setTitle("Công văn số 123/UBND-VP")
            c.drawString(72, 770, "Cong van so 123/UBND-VP")
            c.showPage()
            c.drawString(72, 770, "Trang 2")
            c.showPage()
            c.save()
            """
        let result = try ExternalTools.run("python3", ["-c", script, output], in: directory)
        if result.status == 3 { throw ExternalTools.Missing(tool: "reportlab", install: "pip install reportlab") }
        try #require(result.succeeded, "reportlab failed: \(result.output)")
        return output
    }

    /// `qpdf ARGS input output`; qpdf exits 3 for warnings, which these inputs must not produce.
    func qpdf(_ input: String, _ name: String, _ arguments: [String]) throws -> String {
        let output = path(name)
        let result = try ExternalTools.run("qpdf", arguments + [input, output], in: directory)
        try #require(result.succeeded, "qpdf \(arguments) failed: \(result.output)")
        return output
    }

    func qpdfCheck(_ file: String) throws -> ExternalTools.Result {
        try ExternalTools.run("qpdf", ["--check", file], in: directory)
    }

    /// pdfsig's report, with the test CA trusted through a fresh NSS database.
    func pdfsig(_ file: String) throws -> ExternalTools.Result {
        let database = directory.appendingPathComponent("nssdb")
        if !FileManager.default.fileExists(atPath: database.path) {
            try FileManager.default.createDirectory(at: database, withIntermediateDirectories: true)
            let create = try ExternalTools.run(
                "certutil", ["-N", "-d", "sql:\(database.path)", "--empty-password"],
                in: directory)
            try #require(create.succeeded, "certutil -N failed: \(create.output)")
            let add = try ExternalTools.run(
                "certutil", ["-A", "-n", "ca", "-t", "CT,C,C", "-i", caPath, "-d", "sql:\(database.path)"],
                in: directory)
            try #require(add.succeeded, "certutil -A failed: \(add.output)")
        }
        return try ExternalTools.run("pdfsig", ["-nssdir", "sql:\(database.path)", file], in: directory)
    }

    /// pyHanko's validation of every signature, trusting only the test CA.
    func pyhanko(_ file: String) throws -> ExternalTools.Result {
        try ExternalTools.run(
            "pyhanko", ["sign", "validate", "--pretty-print", "--trust-replace", "--trust", caPath, file],
            in: directory)
    }
}
