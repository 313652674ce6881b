import Foundation
import Testing

@testable import Signing

/// The visible Decree 30 agency box, judged by qpdf, poppler (pdfsig, pdffonts, pdftotext) and pyHanko.
@Suite struct VisibleSignatureTests {
    enum Input: String, CaseIterable, Sendable {
        case reportlabXrefTable
        case qpdfObjectStreams
        case qpdfLinearized
        case alreadySigned
    }

    static let numberNotation = "15/QĐ-UBND"
    /// 2026-11-25T14:03:05+07:00.
    static let signingTime = Date(timeIntervalSince1970: 1_795_590_185)

    let pki: TestPKI
    let ca: TestPKI.Issued
    let corpus: PDFCorpus
    let signer: PAdESSigner
    let box: VisibleSignatureBox

    init() throws {
        pki = try TestPKI()
        ca = try pki.makeRootCA()
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, keyType: .rsa2048, by: ca)
        let identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        signer = PAdESSigner(identity: identity)
        corpus = PDFCorpus(directory: pki.directory, caPath: ca.certificatePath)
        box = try VisibleSignatureBox(numberNotation: Self.numberNotation)
    }

    var options: PAdESOptions { PAdESOptions(signingTime: Self.signingTime, visibleBox: box) }

    func make(_ input: Input) throws -> String {
        let original = try corpus.reportlab("reportlab.pdf")
        switch input {
        case .reportlabXrefTable: return original
        case .qpdfObjectStreams: return try corpus.qpdf(original, "objstm.pdf", ["--object-streams=generate"])
        case .qpdfLinearized: return try corpus.qpdf(original, "linearized.pdf", ["--linearize"])
        case .alreadySigned:
            let signed = corpus.path("already-signed.pdf")
            try signer.sign(pdfAt: original, to: signed, options: PAdESOptions(reason: "Ký lần đầu"))
            return signed
        }
    }

    private func expectValid(_ file: String, signatures: Int) throws {
        let check = try corpus.qpdfCheck(file)
        #expect(check.succeeded, "qpdf --check: \(check.output)")
        let pdfsig = try corpus.pdfsig(file)
        #expect(
            pdfsig.output.components(separatedBy: "Signature Validation: Signature is Valid.").count - 1
                == signatures, "pdfsig: \(pdfsig.output)")
        let pyhanko = try corpus.pyhanko(file)
        #expect(pyhanko.succeeded, "pyHanko: \(pyhanko.output)")
        #expect(
            pyhanko.output.components(separatedBy: "The signature is judged VALID").count - 1 == signatures,
            "pyHanko: \(pyhanko.output)")
        #expect(!pyhanko.output.contains("INTACT:UNTRUSTED"), "pyHanko: \(pyhanko.output)")
    }

    @Test(arguments: Input.allCases)
    func boxedSignatureKeepsOriginalAsPrefixAndPassesQpdfPdfsigAndPyHanko(input: Input) throws {
        let original = try make(input)
        let signed = corpus.path("boxed-\(input.rawValue).pdf")

        let field = try signer.sign(pdfAt: original, to: signed, options: options)

        #expect(field.name == (input == .alreadySigned ? "Signature2" : "Signature1"))
        #expect(field.isVisible)
        let originalBytes = try Data(contentsOf: URL(fileURLWithPath: original))
        let signedBytes = try Data(contentsOf: URL(fileURLWithPath: signed))
        #expect(signedBytes.prefix(originalBytes.count) == originalBytes)
        let invisible = corpus.path("invisible-\(input.rawValue).pdf")
        try signer.sign(pdfAt: original, to: invisible, options: PAdESOptions(signingTime: Self.signingTime))
        let invisibleSize = try Data(contentsOf: URL(fileURLWithPath: invisible)).count
        print(
            "visible box (\(input.rawValue)): the signature added \(signedBytes.count - originalBytes.count) bytes, "
                + "\(signedBytes.count - invisibleSize) more than an invisible one")
        try expectValid(signed, signatures: input == .alreadySigned ? 2 : 1)
        let reports = try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [ca.certificatePath])
        #expect(reports.allSatisfy { $0.isValid }, "\(reports.flatMap { $0.problems })")
    }

    @Test(arguments: Input.allCases)
    func pdftotextFindsNumberNotationAndTimeInTheTopRightQuadrant(input: Input) throws {
        let signed = corpus.path("boxed-\(input.rawValue).pdf")
        try signer.sign(pdfAt: try make(input), to: signed, options: options)

        let page = try TextLayout(corpus: corpus, file: signed)

        for text in [Self.numberNotation, "2026-11-25T14:03:05+07:00"] {
            let word = try #require(page.words.first { $0.text == text }, "\(text) not in \(page.words)")
            #expect(word.xMin > page.width / 2 && word.xMax <= page.width, "\(word) on a \(page.width) wide page")
            #expect(word.yMax < page.height / 2 && word.yMin >= 0, "\(word) on a \(page.height) high page")
        }
    }

    @Test func pdffontsShowsTheFontEmbeddedAsASubset() throws {
        let signed = corpus.path("boxed.pdf")
        try signer.sign(pdfAt: try make(.reportlabXrefTable), to: signed, options: options)

        let fonts = try ExternalTools.run("pdffonts", [signed], in: pki.directory)

        #expect(fonts.succeeded, "\(fonts.output)")
        let line = try #require(
            fonts.output.split(separator: "\n").first { $0.contains("+LiberationSerif") }, "\(fonts.output)")
        let columns = line.split(separator: " ", omittingEmptySubsequences: true)
        // name, "CID", "TrueType", encoding, emb, sub, uni, object, generation
        #expect(columns.first?.range(of: #"^[A-Z]{6}\+LiberationSerif$"#, options: .regularExpression) != nil)
        #expect(line.contains("CID TrueType") && line.contains("Identity-H"), "\(line)")
        #expect(Array(columns.suffix(5).prefix(3)) == ["yes", "yes", "yes"], "emb/sub/uni in \(line)")
    }

    @Test func theBoxShowsExactlyTheTimeWrittenToM() throws {
        let signed = corpus.path("boxed.pdf")
        // A fractional second: /M has whole seconds, and the box must show the same truncated time.
        let time = Date(timeIntervalSince1970: 1_795_590_185.75)
        try signer.sign(
            pdfAt: try make(.qpdfObjectStreams), to: signed,
            options: PAdESOptions(signingTime: time, visibleBox: box))

        let document = try PDFDocument(path: signed)
        let signature = try #require(try PDFSignatureVerifier.signatureFields(document).last?.signature)
        #expect(signature["M"] == PDFObject.textString("D:20261125140305+07'00'"))
        let page = try TextLayout(corpus: corpus, file: signed)
        #expect(page.words.map(\.text).contains("2026-11-25T14:03:05+07:00"), "\(page.words)")
    }

    @Test func aTimeOnlyBoxHasOneLine() throws {
        let signed = corpus.path("time-only.pdf")
        try signer.sign(
            pdfAt: try make(.reportlabXrefTable), to: signed,
            options: PAdESOptions(
                signingTime: Self.signingTime, visibleBox: try VisibleSignatureBox(numberNotation: "")))

        let page = try TextLayout(corpus: corpus, file: signed)
        let boxWords = page.words.filter { $0.yMax < page.height / 4 && $0.xMin > page.width / 2 }
        #expect(boxWords.map(\.text) == ["2026-11-25T14:03:05+07:00"], "\(page.words)")
    }

    @Test(arguments: [90, 180, 270, -90])
    func aRotatedPageShowsTheBoxUprightAtTheDisplayedTopRight(rotation: Int) throws {
        let original = corpus.path("rotated-\(rotation).pdf")
        try MinimalPDF(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            // Rotate and MediaBox inherited from the page tree.
            "<< /Type /Pages /Kids [3 0 R] /Count 1 /Rotate \(rotation) /MediaBox [0 0 595 842] >>",
            "<< /Type /Page /Parent 2 0 R /Resources << >> >>",
        ]).write(to: original)
        let signed = corpus.path("rotated-\(rotation)-signed.pdf")

        try signer.sign(pdfAt: original, to: signed, options: options)

        try expectValid(signed, signatures: 1)
        // pdftotext gives word positions as displayed but the page size before rotation.
        let page = try TextLayout(corpus: corpus, file: signed)
        let (width, height) = rotation % 180 == 0 ? (595.0, 842.0) : (842.0, 595.0)
        let number = try #require(page.words.first { $0.text == Self.numberNotation }, "\(page.words)")
        let time = try #require(page.words.first { $0.text == "2026-11-25T14:03:05+07:00" }, "\(page.words)")
        for word in [number, time] {
            #expect(word.xMin > width / 2 && word.xMax <= width && word.yMax < height / 2, "\(word)")
            // Upright text is wider than high; text turned by 90° would be the other way round.
            #expect(word.xMax - word.xMin > 3 * (word.yMax - word.yMin), "\(word)")
        }
        #expect(number.yMax <= time.yMin + 1, "the number and notation come first: \(number), \(time)")
        let margin = 10 * 72 / 25.4
        #expect(abs(width - margin - time.xMax) < 5, "\(time) should end near the right margin")
        #expect(abs(number.yMin - margin) < 5, "\(number) should start near the top margin")
    }

    @Test func aCropBoxOffsetPagePlacesTheBoxInsideTheVisibleArea() throws {
        let original = corpus.path("cropped.pdf")
        try MinimalPDF(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 800 1000] /CropBox [100 150 695.5 992] /Resources << >> >>",
        ]).write(to: original)
        let signed = corpus.path("cropped-signed.pdf")

        try signer.sign(pdfAt: original, to: signed, options: options)

        try expectValid(signed, signatures: 1)
        let document = try PDFDocument(path: signed)
        let widget = try VisibleSignatureInspection.widget(document)
        let rect = try #require(widget["Rect"]?.array?.compactMap(VisibleSignatureInspection.number))
        let margin = 10 * 72 / 25.4
        #expect(abs(rect[2] - (695.5 - margin)) < 0.01, "right edge \(rect)")
        #expect(abs(rect[3] - (992 - margin)) < 0.01, "top edge \(rect)")
        #expect(rect[0] > 100 + 297 && rect[1] > 150 + 421, "\(rect) outside the top-right quadrant of the CropBox")
        // pdftotext measures from the MediaBox's top left: the CropBox's top is 8 points below it.
        let page = try TextLayout(corpus: corpus, file: signed)
        let number = try #require(page.words.first { $0.text == Self.numberNotation }, "\(page.words)")
        let time = try #require(page.words.first { $0.text == "2026-11-25T14:03:05+07:00" }, "\(page.words)")
        #expect(abs(time.xMax - (695.5 - margin - SignatureAppearance.padding)) < 2, "\(time)")
        #expect((0..<5).contains(number.yMin - (8 + margin)), "\(number)")
    }

    @Test func existingAnnotationsStayAndTheWidgetIsPrintedWithItsOwnAppearance() throws {
        let original = corpus.path("annotated.pdf")
        try MinimalPDF(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Annots [4 0 R] >>",
            "<< /Type /Annot /Subtype /Text /Rect [50 50 70 70] /Contents (ghi chu) >>",
        ]).write(to: original)
        let signed = corpus.path("annotated-signed.pdf")

        try signer.sign(pdfAt: original, to: signed, options: options)

        try expectValid(signed, signatures: 1)
        let document = try PDFDocument(path: signed)
        let annotations = try #require(try document.resolve(document.firstPage().dictionary["Annots"]).array)
        #expect(annotations.count == 2 && annotations.first == .reference(PDFReference(number: 4, generation: 0)))
        let widget = try VisibleSignatureInspection.widget(document)
        #expect(widget["F"]?.integer.map { $0 & 4 } == 4)
        let form = try VisibleSignatureInspection.appearance(document)
        #expect(form.value.dictionary?["BBox"]?.array?.count == 4)
        #expect(try document.resolve(form.value.dictionary?["Resources"]).dictionary?["Font"] != nil)
        let content = String(decoding: try document.streamBytes(form), as: UTF8.self)
        #expect(content.contains("0 g") && content.contains("/F1 10 Tf"), "\(content)")
    }

    @Test func theEmbeddedSubsetHasOutlinesOnlyForTheGlyphsShown() throws {
        let signed = corpus.path("boxed.pdf")
        try signer.sign(pdfAt: try make(.reportlabXrefTable), to: signed, options: options)
        let document = try PDFDocument(path: signed)

        let subset = try VisibleSignatureInspection.embeddedFont(document)

        let original = try TrueTypeFont.load(path: VisibleSignatureBox.defaultFontPath)
        let shown = Set((Self.numberNotation + "2026-11-25T14:03:05+07:00").unicodeScalars.compactMap(original.glyph))
        let expected = try TrueTypeSubsetter.closure(original, shown.union([0]))
        let withOutlines = Set((0..<subset.glyphCount).filter { !subset.glyphData($0).isEmpty })
        #expect(withOutlines == expected.filter { !original.glyphData($0).isEmpty })
        #expect(subset.glyphCount == original.glyphCount, "glyph ids are kept")
        for glyph in expected {
            let outline = Array(original.glyphData(glyph))
            #expect(Array(subset.glyphData(glyph).prefix(outline.count)) == outline, "glyph \(glyph) changed")
        }
        #expect(TrueTypeSubsetter.checksum(subset.bytes) == 0xB1B0_AFBA, "whole-font checksum")
    }
}
