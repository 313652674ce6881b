import Foundation

/// A TrueType font file parsed just enough to embed a subset of it in a PDF: the tables `head`, `hhea`, `maxp`,
/// `hmtx`, `loca`, `glyf`, `cmap` (formats 4 and 12), `OS/2`, `post` and the PostScript name from `name`.
///
/// The file is untrusted: every read is bounds-checked (``TrueTypeBytes``) and inconsistencies between tables are
/// reported as ``TrueTypeError`` when the font is loaded, not when a glyph is later used.
struct TrueTypeFont: Sendable {
    /// No text font comes near this; a larger file is the wrong file.
    static let maxFileSize = 32 << 20

    struct Box: Sendable, Equatable {
        let xMin: Int
        let yMin: Int
        let xMax: Int
        let yMax: Int
    }

    let path: String
    let bytes: [UInt8]
    /// Where each table lies in ``bytes``, by tag.
    let tables: [String: Range<Int>]
    let unitsPerEm: Int
    let boundingBox: Box
    let glyphCount: Int
    /// `hhea` ascender and descender (font units; the descender is negative).
    let ascender: Int
    let descender: Int
    /// Advance width of every glyph, from `hmtx` (font units).
    let advances: [Int]
    /// `glyf` offsets of every glyph plus the end, from `loca` (numGlyphs + 1 entries, non-decreasing).
    let glyphOffsets: [Int]
    let characterMap: TrueTypeCharacterMap
    let weightClass: Int
    let capHeight: Int
    /// Serif per OS/2 sFamilyClass (classes 1–7) or PANOSE (serif style 2–10).
    let isSerif: Bool
    let italicAngle: Double
    let isFixedPitch: Bool
    /// `name` ID 6, restricted to characters safe in a PDF name; "Font" when the table has none.
    let postScriptName: String

    /// Reads and parses the font at `path`.
    static func load(path: String) throws(TrueTypeError) -> TrueTypeFont {
        // A FIFO or device would block or never end; only a regular file is read.
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        if let type, type != .typeRegular {
            throw .unreadable(path: path, reason: "it is not a regular file")
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxFileSize + 1) ?? Data()
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard data.count <= maxFileSize else { throw .tooLarge(path: path, limit: maxFileSize) }
        return try TrueTypeFont(bytes: [UInt8](data), path: path)
    }

    init(bytes: [UInt8], path: String) throws(TrueTypeError) {
        self.path = path
        self.bytes = bytes
        let file = TrueTypeBytes(bytes: bytes, table: "offset", path: path)
        guard bytes.count >= 12 else { throw .notTrueType(path: path, detail: "the file is only \(bytes.count) bytes") }
        let version = try file.uint32(0)
        switch version {
        case 0x0001_0000, 0x7472_7565:  // 1.0 and 'true'
            break
        case 0x4F54_544F:  // 'OTTO'
            throw .notTrueType(path: path, detail: "it has PostScript (CFF) outlines, not TrueType ones")
        case 0x7474_6366:  // 'ttcf'
            throw .notTrueType(path: path, detail: "it is a font collection (.ttc); extract one font first")
        default:
            throw .notTrueType(path: path, detail: "it does not start with a TrueType signature")
        }
        let tableCount = Int(try file.uint16(4))
        var tables: [String: Range<Int>] = [:]
        for index in 0..<tableCount {
            let record = 12 + 16 * index
            let tagBytes = try file.slice(record, 4)
            let tag = String(decoding: tagBytes, as: UTF8.self)
            let offset = Int(try file.uint32(record + 8))
            let length = Int(try file.uint32(record + 12))
            guard offset <= bytes.count, length <= bytes.count - offset else {
                throw .malformed(
                    path: path, table: tag, detail: "lies outside the file (offset \(offset), length \(length))")
            }
            if tables[tag] == nil { tables[tag] = offset..<offset + length }
        }
        self.tables = tables
        func table(_ tag: String) throws(TrueTypeError) -> TrueTypeBytes {
            guard let range = tables[tag] else { throw .missingTable(path: path, tag: tag) }
            return TrueTypeBytes(bytes: bytes, range: range, table: tag, path: path)
        }

        let head = try table("head")
        guard try head.uint32(12) == 0x5F0F_3CF5 else { throw head.failure("has a wrong magic number") }
        unitsPerEm = Int(try head.uint16(18))
        guard (16...16_384).contains(unitsPerEm) else { throw head.failure("gives unitsPerEm \(unitsPerEm)") }
        boundingBox = Box(
            xMin: Int(try head.int16(36)), yMin: Int(try head.int16(38)),
            xMax: Int(try head.int16(40)), yMax: Int(try head.int16(42)))
        let locaFormat = try head.int16(50)
        guard locaFormat == 0 || locaFormat == 1 else { throw head.failure("gives indexToLocFormat \(locaFormat)") }

        let maxp = try table("maxp")
        glyphCount = Int(try maxp.uint16(4))
        guard glyphCount > 0 else { throw maxp.failure("declares no glyphs") }

        let hhea = try table("hhea")
        ascender = Int(try hhea.int16(4))
        descender = Int(try hhea.int16(6))
        let metricCount = Int(try hhea.uint16(34))
        guard metricCount >= 1, metricCount <= glyphCount else {
            throw hhea.failure("gives numberOfHMetrics \(metricCount) for \(glyphCount) glyphs")
        }

        let hmtx = try table("hmtx")
        var advances: [Int] = []
        advances.reserveCapacity(glyphCount)
        for glyph in 0..<metricCount { advances.append(Int(try hmtx.uint16(4 * glyph))) }
        let last = advances[metricCount - 1]
        advances += repeatElement(last, count: glyphCount - metricCount)
        self.advances = advances

        let loca = try table("loca")
        let glyf = try table("glyf")
        var offsets: [Int] = []
        offsets.reserveCapacity(glyphCount + 1)
        for glyph in 0...glyphCount {
            let offset = locaFormat == 0 ? 2 * Int(try loca.uint16(2 * glyph)) : Int(try loca.uint32(4 * glyph))
            guard offset <= glyf.count, offset >= (offsets.last ?? 0) else {
                throw loca.failure("gives glyph \(glyph) the offset \(offset), outside 'glyf' or out of order")
            }
            offsets.append(offset)
        }
        glyphOffsets = offsets

        characterMap = try TrueTypeCharacterMap(table: try table("cmap"), glyphCount: glyphCount)

        let os2 = try table("OS/2")
        let os2Version = try os2.uint16(0)
        weightClass = Int(try os2.uint16(4))
        let fsType = try os2.uint16(8)
        // Bit 1 alone: restricted licence; bit 9: bitmap embedding only (this embeds outlines).
        if fsType & 0x000F == 0x0002 || fsType & 0x0200 != 0 { throw .embeddingForbidden(path: path) }
        let familyClass = Int(try os2.int16(30)) >> 8
        let panoseSerif = try os2.uint8(33)
        isSerif = (1...7).contains(familyClass) || (2...10).contains(panoseSerif)
        capHeight = os2Version >= 2 ? Int(try os2.int16(88)) : ascender

        let post = try table("post")
        italicAngle = Double(try post.int16(4)) + Double(try post.uint16(6)) / 65_536
        isFixedPitch = try post.uint32(12) != 0

        let name = tables["name"].map { TrueTypeBytes(bytes: bytes, range: $0, table: "name", path: path) }
        postScriptName = (try? Self.postScriptName(name)) ?? "Font"
    }

    /// The bytes of one table, by tag.
    func table(_ tag: String) -> ArraySlice<UInt8>? {
        tables[tag].map { bytes[$0] }
    }

    /// The outline data of `glyph` (empty for glyphs without contours such as the space).
    func glyphData(_ glyph: Int) -> ArraySlice<UInt8> {
        guard glyph >= 0, glyph < glyphCount, let glyf = tables["glyf"] else { return [] }
        return bytes[(glyf.lowerBound + glyphOffsets[glyph])..<(glyf.lowerBound + glyphOffsets[glyph + 1])]
    }

    /// The glyph for `scalar`, or nil when the font has none (glyph 0, .notdef, counts as none).
    func glyph(for scalar: Unicode.Scalar) -> Int? {
        guard let glyph = characterMap.glyph(for: scalar.value), glyph > 0, glyph < glyphCount else { return nil }
        return glyph
    }

    /// Font units scaled to PDF glyph space (1000 units per em).
    func toGlyphSpace(_ value: Int) -> Int {
        Int((Double(value) * 1000 / Double(unitsPerEm)).rounded())
    }

    /// Name ID 6 from a Windows Unicode (UTF-16BE) or Macintosh Roman record.
    private static func postScriptName(_ name: TrueTypeBytes?) throws(TrueTypeError) -> String? {
        guard let name else { return nil }
        let count = Int(try name.uint16(2))
        let storage = Int(try name.uint16(4))
        for index in 0..<min(count, 1024) {
            let record = 6 + 12 * index
            guard try name.uint16(record + 6) == 6 else { continue }
            let platform = try name.uint16(record)
            let length = Int(try name.uint16(record + 8))
            let offset = storage + Int(try name.uint16(record + 10))
            let raw = Array(try name.slice(offset, length))
            var text: String
            if platform == 3 || platform == 0 {
                let units = stride(from: 0, to: raw.count - 1, by: 2).map {
                    UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1])
                }
                text = String(decoding: units, as: UTF16.self)
            } else {
                text = String(decoding: raw, as: UTF8.self)
            }
            text = String(
                text.unicodeScalars.filter {
                    $0.value > 0x20 && $0.value < 0x7F && PDFParser.isRegular(UInt8($0.value))
                }
                .map(Character.init))
            if !text.isEmpty { return String(text.prefix(63)) }
        }
        return nil
    }
}
