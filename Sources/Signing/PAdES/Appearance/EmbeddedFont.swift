/// A subset of a TrueType font embedded as a Type0 font with a CIDFontType2 descendant (ISO 32000-1 9.7): text is
/// written as two-byte glyph ids (`/Encoding /Identity-H`, `/CIDToGIDMap /Identity`), `/W` gives the widths from
/// `hmtx`, and a `/ToUnicode` CMap makes the text extractable and searchable.
struct EmbeddedFont {
    let font: TrueTypeFont
    /// The first character mapped to each glyph used, for `/ToUnicode`.
    private(set) var characters: [Int: Unicode.Scalar] = [:]

    /// Maps every character of `texts` (already NFC-normalised) to its glyph.
    init(font: TrueTypeFont, texts: [String]) throws(TrueTypeError) {
        self.font = font
        for scalar in texts.joined().unicodeScalars {
            guard let glyph = font.glyph(for: scalar) else {
                throw .malformed(path: font.path, table: "cmap", detail: "has no glyph for U+\(scalar.value)")
            }
            if characters[glyph] == nil { characters[glyph] = scalar }
        }
    }

    /// The text as a string of big-endian glyph ids, for `Tj`.
    func encoded(_ text: String) -> [UInt8] {
        text.unicodeScalars.flatMap { scalar -> [UInt8] in
            let glyph = font.glyph(for: scalar) ?? 0
            return [UInt8(glyph >> 8), UInt8(truncatingIfNeeded: glyph)]
        }
    }

    /// The advance of `text` at `size` points.
    func width(_ text: String, size: Double) -> Double {
        let units = text.unicodeScalars.reduce(0) { $0 + font.advances[font.glyph(for: $1) ?? 0] }
        return Double(units) * size / Double(font.unitsPerEm)
    }

    /// Six capital letters derived from the glyph set (ISO 32000-1 9.6.4), so different subsets get different names.
    var subsetTag: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for glyph in characters.keys.sorted() {
            for byte in [UInt8(glyph >> 8), UInt8(truncatingIfNeeded: glyph)] {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        var letters = ""
        for _ in 0..<6 {
            letters.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "A") + UInt8(hash % 26)))
            hash /= 26
        }
        return letters
    }

    /// The Type0 font (`first`) and its CIDFont, FontDescriptor, FontFile2 and ToUnicode (the next four numbers).
    func objects(first: Int) throws(TrueTypeError) -> [PDFNewObject] {
        let references = (first..<first + 5).map { PDFReference(number: $0, generation: 0) }
        let baseFont = subsetTag + "+" + font.postScriptName
        let byCharacter = Dictionary(characters.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        let subset = try TrueTypeSubsetter.subset(font, characters: byCharacter)

        var type0 = PDFDictionary()
        type0["Type"] = .name("Font")
        type0["Subtype"] = .name("Type0")
        type0["BaseFont"] = .name(baseFont)
        type0["Encoding"] = .name("Identity-H")
        type0["DescendantFonts"] = .array([.reference(references[1])])
        type0["ToUnicode"] = .reference(references[4])

        var systemInfo = PDFDictionary()
        systemInfo["Registry"] = .string(Array("Adobe".utf8))
        systemInfo["Ordering"] = .string(Array("Identity".utf8))
        systemInfo["Supplement"] = .integer(0)
        var cidFont = PDFDictionary()
        cidFont["Type"] = .name("Font")
        cidFont["Subtype"] = .name("CIDFontType2")
        cidFont["BaseFont"] = .name(baseFont)
        cidFont["CIDSystemInfo"] = .dictionary(systemInfo)
        cidFont["FontDescriptor"] = .reference(references[2])
        cidFont["CIDToGIDMap"] = .name("Identity")
        cidFont["DW"] = .integer(1000)
        cidFont["W"] = .array(widths())

        var descriptor = PDFDictionary()
        descriptor["Type"] = .name("FontDescriptor")
        descriptor["FontName"] = .name(baseFont)
        // Symbolic (4): the glyphs go beyond the standard Latin set; plus FixedPitch (1), Serif (2) as the font says.
        descriptor["Flags"] = .integer(4 | (font.isFixedPitch ? 1 : 0) | (font.isSerif ? 2 : 0))
        let box = font.boundingBox
        descriptor["FontBBox"] = .array(
            [box.xMin, box.yMin, box.xMax, box.yMax].map { .integer(font.toGlyphSpace($0)) })
        descriptor["ItalicAngle"] = .real(PDFNumber.format(font.italicAngle))
        descriptor["Ascent"] = .integer(font.toGlyphSpace(font.ascender))
        descriptor["Descent"] = .integer(font.toGlyphSpace(font.descender))
        descriptor["CapHeight"] = .integer(font.toGlyphSpace(font.capHeight))
        // TrueType has no stem width; this is the usual estimate from the weight class.
        let weight = Double(font.weightClass) / 65
        descriptor["StemV"] = .integer(Int((50 + weight * weight).rounded()))
        descriptor["FontFile2"] = .reference(references[3])

        var fontFile = PDFDictionary()
        fontFile["Length1"] = .integer(subset.bytes.count)
        fontFile["Filter"] = .name("FlateDecode")

        var toUnicode = PDFDictionary()
        toUnicode["Filter"] = .name("FlateDecode")

        return [
            PDFNewObject(reference: references[0], dictionary: type0),
            PDFNewObject(reference: references[1], dictionary: cidFont),
            PDFNewObject(reference: references[2], dictionary: descriptor),
            PDFNewObject(reference: references[3], dictionary: fontFile, stream: try compressed(subset.bytes)),
            PDFNewObject(reference: references[4], dictionary: toUnicode, stream: try compressed(toUnicodeCMap())),
        ]
    }

    private func compressed(_ bytes: [UInt8]) throws(TrueTypeError) -> [UInt8] {
        guard let result = Flate.compress(bytes) else {
            throw .unreadable(path: font.path, reason: "zlib could not compress the font subset")
        }
        return result
    }

    /// `/W` as runs of consecutive glyph ids: `[3 [250 333] 17 [500]]`, in PDF glyph space.
    private func widths() -> [PDFObject] {
        var result: [PDFObject] = []
        var run: [PDFObject] = []
        var runStart = -2
        var previous = -2
        for glyph in characters.keys.sorted() {
            if glyph != previous + 1 {
                if !run.isEmpty { result += [.integer(runStart), .array(run)] }
                run = []
                runStart = glyph
            }
            run.append(.integer(font.toGlyphSpace(font.advances[glyph])))
            previous = glyph
        }
        if !run.isEmpty { result += [.integer(runStart), .array(run)] }
        return result
    }

    /// A CMap (Adobe technical note 5411) from two-byte glyph ids to UTF-16BE.
    func toUnicodeCMap() -> [UInt8] {
        var text = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """
        let entries = characters.sorted { $0.key < $1.key }
        var index = 0
        while index < entries.count {
            let chunk = entries[index..<min(index + 100, entries.count)]
            text += "\(chunk.count) beginbfchar\n"
            for (glyph, scalar) in chunk {
                let utf16 = String(scalar).utf16.map { Self.hex4(Int($0)) }.joined()
                text += "<\(Self.hex4(glyph))> <\(utf16)>\n"
            }
            text += "endbfchar\n"
            index += 100
        }
        text += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return Array(text.utf8)
    }

    private static func hex4(_ value: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
