import Foundation

/// The bytes appended to a PDF to add one signature field on page 1 (an incremental update, ISO 32000-1 7.5.6): the
/// signature dictionary with placeholders, the field/widget (invisible, or with the visible box's appearance, font
/// subset and ToUnicode map), new revisions of page 1 and of the catalog or the AcroForm, and a cross-reference
/// section of the same kind as the file's newest one.
struct PDFIncrementalUpdate {
    /// The update's bytes; `/Contents` holds zeros and `/ByteRange` is filled for the final length.
    var bytes: [UInt8]
    /// Where the `/Contents` hex string (`<` to `>` inclusive) lies within ``bytes``.
    let contentsRange: Range<Int>
    let fieldName: String
    /// Whether the visible box was drawn (see ``PAdESOptions/visibleBox`` for when it is left out).
    let isVisible: Bool

    static let byteRangeWidth = 64

    /// Builds the update for `document`, whose file is `document.fileSize` bytes long.
    static func build(
        document: PDFDocument,
        options: PAdESOptions,
        signingTime: Date
    ) throws(PDFError) -> PDFIncrementalUpdate {
        guard let catalogReference = document.catalogReference else { throw document.damaged("no catalog") }
        var catalog = try document.catalog()
        let certification = try PDFDocMDPPermission.ofCertification(in: document)
        if certification == .noChanges { throw .certifiedWithoutChanges(path: document.path) }
        let page = try document.firstPage()
        // A certified document takes the box only in a signature field its author prepared.
        let prepared =
            certification != nil && options.visibleBox != nil
            ? try PreparedSignatureField.find(in: document, page: page) : nil
        let first = document.nextObjectNumber
        let signatureReference = PDFReference(number: first, generation: 0)
        let fieldReference = prepared?.reference ?? PDFReference(number: first + 1, generation: 0)

        var writer = Writer(base: document.fileSize, needsLeadingNewline: try endsWithoutNewline(document))

        // The AcroForm: a new revision of its own object when it is indirect, else inside the catalog.
        var revisedAcroForm: (PDFReference, PDFDictionary)?
        var acroForm: PDFDictionary
        let acroFormReference = catalog["AcroForm"]?.reference
        if let acroFormReference {
            acroForm = try document.resolve(.reference(acroFormReference)).dictionary ?? PDFDictionary()
        } else {
            acroForm = try document.resolve(catalog["AcroForm"]).dictionary ?? PDFDictionary()
        }
        var fields = try document.resolve(acroForm["Fields"]).array ?? []
        let fieldName: String
        if let prepared {
            fieldName = prepared.name
        } else {
            fieldName = try uniqueFieldName(fields, document: document)
        }
        if prepared == nil {
            fields.append(.reference(fieldReference))
            acroForm["Fields"] = .array(fields)
        }
        acroForm["SigFlags"] = .integer(3)  // SignaturesExist | AppendOnly
        if let acroFormReference {
            revisedAcroForm = (acroFormReference, acroForm)
        } else {
            catalog["AcroForm"] = .dictionary(acroForm)
        }

        var pageDictionary = page.dictionary
        var annotations = try document.resolve(pageDictionary["Annots"]).array ?? []
        annotations.append(.reference(fieldReference))
        pageDictionary["Annots"] = .array(annotations)

        // 1. The signature dictionary, written by hand to place the two placeholders.
        let pdfDate = PDFDate.string(signingTime)
        var signature: [UInt8] = Array("<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M ".utf8)
        PDFObject.textString(pdfDate).serialize(into: &signature)
        for (key, value) in [
            ("Reason", options.reason), ("Location", options.location),
            ("ContactInfo", options.contactInfo),
        ] {
            guard let value, !value.isEmpty else { continue }
            signature += Array(" /\(key) ".utf8)
            PDFObject.textString(value).serialize(into: &signature)
        }
        signature += Array(" /ByteRange ".utf8)
        let byteRangeStart = signature.count
        signature += [UInt8](repeating: 0x20, count: byteRangeWidth)
        signature += Array(" /Contents ".utf8)
        let contentsStart = signature.count
        signature +=
            [UInt8(ascii: "<")] + [UInt8](repeating: UInt8(ascii: "0"), count: options.signatureCapacity * 2)
            + [UInt8(ascii: ">")]
        let contentsEnd = signature.count
        signature += Array(">>".utf8)
        let signatureBodyOffset = writer.append(signatureReference, body: signature)

        // 2. The field merged with its widget annotation, printed and locked: invisible (zero rectangle), or the
        // visible box with its appearance stream.
        var nextNumber = first + (prepared == nil ? 2 : 1)
        var appearance: SignatureAppearance?
        if let box = options.visibleBox, certification == nil || prepared != nil || options.drawsBoxOnCertifiedDocuments
        {
            let geometry = try PageGeometry(document: document, page: page.dictionary)
            do {
                appearance = try SignatureAppearance(
                    box: box, lines: box.lines(signingTime: pdfDate), geometry: geometry, first: nextNumber,
                    prepared: prepared?.rectangle)
            } catch {
                throw .unsupported(path: document.path, detail: "the signature box cannot be drawn: \(error)")
            }
            nextNumber += appearance?.objects.count ?? 0
        }
        var field = PDFDictionary()
        if let prepared {
            // Only the value and the appearance change: the author's field is filled in, not redefined.
            field = prepared.dictionary
            field["V"] = .reference(signatureReference)
        } else {
            field["Type"] = .name("Annot")
            field["Subtype"] = .name("Widget")
            field["FT"] = .name("Sig")
            field["T"] = PDFObject.textString(fieldName)
            field["V"] = .reference(signatureReference)
            field["F"] = .integer(132)
            field["Rect"] = .array([.integer(0), .integer(0), .integer(0), .integer(0)])
            field["P"] = .reference(page.reference)
        }
        if let appearance, prepared != nil {
            var normal = PDFDictionary()
            normal["N"] = .reference(appearance.formReference)
            field["AP"] = .dictionary(normal)
        } else if let appearance {
            let rectangle = appearance.rectangle
            field["Rect"] = .array(
                [rectangle.left, rectangle.bottom, rectangle.right, rectangle.top].map { .real(PDFNumber.format($0)) })
            var normal = PDFDictionary()
            normal["N"] = .reference(appearance.formReference)
            field["AP"] = .dictionary(normal)
        }
        _ = writer.append(fieldReference, body: PDFObject.dictionary(field).serialized)
        for object in appearance?.objects ?? [] { _ = writer.append(object.reference, body: object.body) }

        // 3. New revisions of existing objects keep their numbers and generations.
        if prepared == nil {
            _ = writer.append(
                try revision(page.reference, document), body: PDFObject.dictionary(pageDictionary).serialized)
        }
        if let (reference, dictionary) = revisedAcroForm {
            _ = writer.append(try revision(reference, document), body: PDFObject.dictionary(dictionary).serialized)
        } else {
            _ = writer.append(try revision(catalogReference, document), body: PDFObject.dictionary(catalog).serialized)
        }

        // 4. The cross-reference section and trailer.
        var trailer = PDFDictionary()
        trailer["Root"] = .reference(catalogReference)
        if let info = document.trailer["Info"] { trailer["Info"] = info }
        trailer["ID"] = .array([.string(firstID(document)), .string(randomID())])
        trailer["Prev"] = .integer(Int(document.startXref))
        if document.usesXrefStreams {
            writer.appendXrefStream(number: nextNumber, trailer: trailer)
        } else {
            writer.appendXrefTable(size: nextNumber, trailer: trailer)
        }

        // 5. ByteRange for the final length: everything but the /Contents hex string.
        let contents = (signatureBodyOffset + contentsStart)..<(signatureBodyOffset + contentsEnd)
        let total = document.fileSize + Int64(writer.bytes.count)
        let gapStart = document.fileSize + Int64(contents.lowerBound)
        let gapEnd = document.fileSize + Int64(contents.upperBound)
        let text = Array("[0 \(gapStart) \(gapEnd) \(total - gapEnd)]".utf8)
        guard text.count <= byteRangeWidth else { throw .limitExceeded(path: document.path, detail: "file too large") }
        let placeholder = signatureBodyOffset + byteRangeStart
        writer.bytes.replaceSubrange(placeholder..<placeholder + text.count, with: text)
        return PDFIncrementalUpdate(
            bytes: writer.bytes, contentsRange: contents, fieldName: fieldName, isVisible: appearance != nil)
    }

    private static func revision(_ reference: PDFReference, _ document: PDFDocument) throws(PDFError) -> PDFReference {
        switch document.xref[reference.number] {
        case .inFile(_, let generation)?: return PDFReference(number: reference.number, generation: generation)
        case .inObjectStream?: return PDFReference(number: reference.number, generation: 0)
        default: throw document.damaged("object \(reference) is referenced but missing")
        }
    }

    private static func uniqueFieldName(_ fields: [PDFObject], document: PDFDocument) throws(PDFError) -> String {
        var taken: Set<[UInt8]> = []
        for field in fields.prefix(10_000) {
            if let name = try document.resolve(field).dictionary?["T"]?.stringBytes { taken.insert(name) }
        }
        var index = 1
        while taken.contains(Array("Signature\(index)".utf8)) { index += 1 }
        return "Signature\(index)"
    }

    private static func firstID(_ document: PDFDocument) -> [UInt8] {
        if case .array(let parts)? = document.trailer["ID"], let first = parts.first?.stringBytes, !first.isEmpty {
            return first
        }
        return randomID()
    }

    private static func randomID() -> [UInt8] {
        // Two 64-bit draws: one `getrandom` each, where a byte at a time made sixteen.
        var generator = SystemRandomNumberGenerator()
        return [generator.next() as UInt64, generator.next() as UInt64].flatMap { word in
            (0..<8).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) }
        }
    }

    private static func endsWithoutNewline(_ document: PDFDocument) throws(PDFError) -> Bool {
        let last = try document.reader.read(at: document.fileSize - 1, count: 1)
        return last != [0x0A] && last != [0x0D]
    }
}
