import Foundation
import Testing

@testable import Signing

/// Reads back what the visible signature wrote: the newest widget on page 1, its appearance and embedded font.
enum VisibleSignatureInspection {
    static func number(_ object: PDFObject) -> Double? {
        switch object {
        case .integer(let value): return Double(value)
        case .real(let text): return Double(text)
        default: return nil
        }
    }

    /// The last annotation of page 1, which the signer appended.
    static func widget(_ document: PDFDocument) throws -> PDFDictionary {
        let annotations = try #require(try document.resolve(document.firstPage().dictionary["Annots"]).array)
        return try #require(try document.resolve(annotations.last).dictionary)
    }

    static func appearance(_ document: PDFDocument) throws -> PDFDocument.IndirectObject {
        let widget = try widget(document)
        let normal = try #require(try document.resolve(widget["AP"]).dictionary?["N"]?.reference)
        return try document.object(normal)
    }

    /// The FontFile2 of the appearance's /F1, decompressed and parsed.
    static func embeddedFont(_ document: PDFDocument) throws -> TrueTypeFont {
        let form = try appearance(document)
        let resources = try #require(try document.resolve(form.value.dictionary?["Resources"]).dictionary)
        let fonts = try #require(try document.resolve(resources["Font"]).dictionary)
        let type0 = try #require(try document.resolve(fonts["F1"]).dictionary)
        let descendant = try #require(try document.resolve(type0["DescendantFonts"]).array?.first)
        let cidFont = try #require(try document.resolve(descendant).dictionary)
        let descriptor = try #require(try document.resolve(cidFont["FontDescriptor"]).dictionary)
        let file = try document.object(try #require(descriptor["FontFile2"]?.reference))
        let bytes = try document.streamBytes(file)
        #expect(file.value.dictionary?["Length1"]?.integer == bytes.count)
        return try TrueTypeFont(bytes: bytes, path: "FontFile2")
    }
}

/// Words and their boxes on page 1 as `pdftotext -bbox` reports them: in points, as displayed (after /Rotate),
/// with y growing downwards from the top of the page.
struct TextLayout {
    struct Word: CustomStringConvertible {
        let text: String
        let xMin: Double
        let yMin: Double
        let xMax: Double
        let yMax: Double
        var description: String { "'\(text)' x \(xMin)…\(xMax) y \(yMin)…\(yMax)" }
    }

    let width: Double
    let height: Double
    let words: [Word]

    init(corpus: PDFCorpus, file: String) throws {
        let output = corpus.path("layout-\(UUID().uuidString).html")
        let result = try ExternalTools.run(
            "pdftotext", ["-f", "1", "-l", "1", "-bbox", file, output], in: corpus.directory)
        try #require(result.succeeded, "pdftotext: \(result.output)")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: output)
        func attribute(_ name: String, in tag: Substring) -> Double? {
            guard let range = tag.range(of: "\(name)=\"") else { return nil }
            let rest = tag[range.upperBound...]
            return rest.firstIndex(of: "\"").flatMap { Double(rest[..<$0]) }
        }
        let pageTag = try #require(html.range(of: "<page ").map { html[$0.lowerBound...].prefix(200) })
        width = try #require(attribute("width", in: pageTag))
        height = try #require(attribute("height", in: pageTag))
        var words: [Word] = []
        for part in html.components(separatedBy: "<word ").dropFirst() {
            guard let close = part.firstIndex(of: ">"), let end = part.range(of: "</word>") else { continue }
            let tag = part[..<close]
            let text = String(part[part.index(after: close)..<end.lowerBound])
                .replacingOccurrences(of: "&amp;", with: "&")
            guard let xMin = attribute("xMin", in: tag), let yMin = attribute("yMin", in: tag),
                let xMax = attribute("xMax", in: tag), let yMax = attribute("yMax", in: tag)
            else { continue }
            words.append(Word(text: text, xMin: xMin, yMin: yMin, xMax: xMax, yMax: yMax))
        }
        self.words = words
    }
}
