/// The visible box's widget rectangle and appearance: a form XObject that draws the lines in black, 10 pt, with
/// its own `/Resources` naming the embedded font subset, placed at the top right of page 1 as displayed.
struct SignatureAppearance {
    /// Space between the text and the box edge, in points.
    static let padding = 2.0
    /// Baseline-to-baseline distance, as a multiple of the font size.
    static let leading = 1.2

    /// The widget's `/Rect` in the page's user space.
    let rectangle: PageGeometry.Rectangle
    /// The form XObject for `/AP /N`.
    let formReference: PDFReference
    /// The form XObject, then the font objects.
    let objects: [PDFNewObject]

    /// Lays out `lines` and numbers the new objects from `first`. With `prepared` (a signature field's `/Rect`, in
    /// user space) the box fills that rectangle instead of the top right corner: the text keeps its size relative
    /// to the box and is scaled, evenly, to fit.
    init(
        box: VisibleSignatureBox, lines: [String], geometry: PageGeometry, first: Int,
        prepared: PageGeometry.Rectangle? = nil
    ) throws(TrueTypeError) {
        let size = VisibleSignatureBox.fontSize
        let font = try EmbeddedFont(font: box.font, texts: lines)
        let ascent = Double(box.font.ascender) * size / Double(box.font.unitsPerEm)
        let descent = Double(-box.font.descender) * size / Double(box.font.unitsPerEm)
        let lineHeight = size * Self.leading
        let textWidth = lines.map { font.width($0, size: size) }.max() ?? 0
        var width = (textWidth + 2 * Self.padding).rounded(.up)
        var height = (2 * Self.padding + ascent + descent + Double(lines.count - 1) * lineHeight).rounded(.up)

        if let prepared, prepared.width > 0, prepared.height > 0 {
            // The form's box gets the field's proportions, large enough for the text: no distortion once mapped.
            let upright = geometry.rotation % 180 == 0
            let shown = (
                width: upright ? prepared.width : prepared.height, height: upright ? prepared.height : prepared.width
            )
            let scale = max(width / shown.width, height / shown.height)
            width = shown.width * scale
            height = shown.height * scale
            rectangle = prepared
        } else {
            // Top right as displayed; on a page too narrow for the box it starts at the left edge instead.
            let left = max(0, geometry.displayedWidth - box.margin - width)
            let top = max(height, geometry.displayedHeight - box.margin)
            rectangle = geometry.userRectangle(
                PageGeometry.Rectangle(left: left, bottom: top - height, right: left + width, top: top))
        }

        var content = "q\nBT\n0 g\n/F1 \(PDFNumber.format(size)) Tf\n\(PDFNumber.format(lineHeight)) TL\n"
        content += "\(PDFNumber.format(Self.padding)) \(PDFNumber.format(height - Self.padding - ascent)) Td\n"
        var stream = Array(content.utf8)
        for (index, line) in lines.enumerated() {
            if index > 0 { stream += Array("T*\n".utf8) }
            PDFObject.serializeHexString(font.encoded(line), into: &stream)
            stream += Array(" Tj\n".utf8)
        }
        stream += Array("ET\nQ".utf8)

        formReference = PDFReference(number: first, generation: 0)
        let fontObjects = try font.objects(first: first + 1)
        var fonts = PDFDictionary()
        fonts["F1"] = .reference(fontObjects[0].reference)
        var resources = PDFDictionary()
        resources["Font"] = .dictionary(fonts)
        resources["ProcSet"] = .array([.name("PDF"), .name("Text")])
        var form = PDFDictionary()
        form["Type"] = .name("XObject")
        form["Subtype"] = .name("Form")
        form["BBox"] = .array([
            .integer(0), .integer(0), .real(PDFNumber.format(width)), .real(PDFNumber.format(height)),
        ])
        form["Matrix"] = .array(geometry.formMatrix(width: width, height: height).map { .real(PDFNumber.format($0)) })
        form["Resources"] = .dictionary(resources)
        objects = [PDFNewObject(reference: formReference, dictionary: form, stream: stream)] + fontObjects
    }
}
