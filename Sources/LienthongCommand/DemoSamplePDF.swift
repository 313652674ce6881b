/// The demo's sample document: a complete one-page PDF (catalog, page tree, page, content stream, exact xref
/// offsets) saying what it is, so that the command the demo prints can be pasted as is.
enum DemoSamplePDF {
    /// The name clerks would give it: number 12, then the subject (the demo's `filename_pattern`).
    static let fileName = "12_Giấy mời họp.pdf"

    static func bytes() -> [UInt8] {
        let lines = ["Giay moi hop (tai lieu mau)", "Sample document of the lienthong demo"]
        var content = "BT /F1 16 Tf 72 760 Td 20 TL"
        for line in lines { content += " (\(line)) Tj T*" }
        content += " ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
                + "/Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var bytes = Array("%PDF-1.4\n%\u{e2}\u{e3}\u{cf}\u{d3}\n".utf8)
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(bytes.count)
            bytes += Array("\(index + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = bytes.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            table += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n"
        }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return bytes + Array(table.utf8)
    }
}
