import Foundation

/// Hand-written PDFs with classic cross-reference tables, for shapes no producer makes on purpose (hostile or
/// damaged structure, an indirect AcroForm).
struct MinimalPDF {
    /// Object bodies; object `n` is `objects[n - 1]`.
    var objects: [String]
    var trailerExtra = ""
    /// Replaces the real `startxref` offset when set.
    var startXrefOverride: Int?

    /// A catalog (1), a page tree (2) and one page (3).
    static func onePage(catalogExtra: String = "", extraObjects: [String] = []) -> MinimalPDF {
        MinimalPDF(
            objects: [
                "<< /Type /Catalog /Pages 2 0 R \(catalogExtra) >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>",
            ] + extraObjects)
    }

    var bytes: [UInt8] {
        var output = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(output.count)
            output += Array("\(index + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = output.count
        output += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f\r\n".utf8)
        for offset in offsets {
            let text = String(offset)
            output += Array((String(repeating: "0", count: 10 - text.count) + text + " 00000 n\r\n").utf8)
        }
        output += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R \(trailerExtra) >>\n".utf8)
        output += Array("startxref\n\(startXrefOverride ?? xref)\n%%EOF\n".utf8)
        return output
    }

    /// The offset the `xref` keyword will have.
    var xrefOffset: Int {
        var copy = self
        copy.startXrefOverride = nil
        let text = copy.bytes
        let marker = Array("\nxref\n".utf8)
        return (0...(text.count - marker.count)).last { Array(text[$0..<$0 + marker.count]) == marker }.map { $0 + 1 }
            ?? 0
    }

    func write(to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
