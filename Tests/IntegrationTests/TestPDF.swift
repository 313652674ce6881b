/// A small but complete one-page PDF (catalog, page tree, page, content stream, exact xref offsets), so the PAdES
/// signer has a real page 1 to put its field on. `note` goes into the page text, making each document distinct.
enum TestPDF {
    static func make(note: String = "") -> [UInt8] {
        let escaped = note.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
            .replacingOccurrences(of: ")", with: "\\)")
        let content = "BT /F1 12 Tf 72 720 Td (lienthong test \(escaped)) Tj ET"
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

    /// `pdf` (a ``make(note:)`` file, possibly signed since) with an unsigned incremental update appended that
    /// replaces page 1's content stream (object 4) by one showing `text`: a forged change after signing.
    static func changingPageContent(of pdf: [UInt8], to text: String) throws -> [UInt8] {
        let file = String(decoding: pdf, as: UTF8.self)
        guard let marker = file.range(of: "startxref", options: .backwards),
            let size = file.range(of: #"/Size (\d+)"#, options: [.regularExpression, .backwards])
        else { throw IntegrationError("the PDF has no startxref or /Size") }
        let previous = file[marker.upperBound...].drop { !$0.isNumber }.prefix { $0.isNumber }
        let content = "BT /F1 12 Tf 72 720 Td (\(text)) Tj ET"
        let object = "4 0 obj\n<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream\nendobj\n"
        let offset = String(pdf.count)
        let update =
            object + "xref\n0 1\n0000000000 65535 f \n4 1\n" + String(repeating: "0", count: 10 - offset.count)
            + offset + " 00000 n \ntrailer\n<< \(file[size]) /Root 1 0 R /Prev \(previous) >>\nstartxref\n"
            + "\(pdf.count + object.utf8.count)\n%%EOF\n"
        return pdf + Array(update.utf8)
    }
}
