/// Builds a subset of a TrueType font for embedding (ISO 32000-1 9.9, FontFile2): the same glyph ids, but only
/// the outlines of the glyphs used, of glyph 0 (.notdef) and of the components of composite glyphs; every other
/// glyph is left empty. `loca` and `glyf` are rebuilt, `cmap` is reduced to the characters shown (format 4),
/// `post` to format 3 (no glyph names), tables a PDF consumer does not read (`name`, kerning, layout) are dropped,
/// and all checksums, including `head.checkSumAdjustment`, are recomputed.
enum TrueTypeSubsetter {
    /// Tables kept, besides the rebuilt ones: metrics and the hinting programs the outlines may call.
    static let copiedTables: Set<String> = ["hhea", "maxp", "OS/2", "cvt ", "fpgm", "prep", "gasp"]

    struct Subset: Sendable {
        /// The font file.
        let bytes: [UInt8]
        /// Glyphs whose outlines were kept: the ones asked for, .notdef and composite components.
        let glyphs: Set<Int>
    }

    /// - Parameter characters: the glyph of each character shown; their glyphs are kept and mapped in `cmap`.
    static func subset(_ font: TrueTypeFont, characters: [Unicode.Scalar: Int]) throws(TrueTypeError) -> Subset {
        let used = Set(characters.values)
        let glyphs = try closure(font, used.filter { $0 >= 0 && $0 < font.glyphCount }.union([0]))

        var glyf: [UInt8] = []
        var offsets: [Int] = [0]
        offsets.reserveCapacity(font.glyphCount + 1)
        for glyph in 0..<font.glyphCount {
            if glyphs.contains(glyph) {
                glyf += font.glyphData(glyph)
                while glyf.count % 4 != 0 { glyf.append(0) }
            }
            offsets.append(glyf.count)
        }
        let shortLoca = glyf.count <= 0x1FFFE
        var loca: [UInt8] = []
        for offset in offsets {
            if shortLoca { appendUInt16(&loca, UInt16(offset / 2)) } else { appendUInt32(&loca, UInt32(offset)) }
        }

        guard var head = font.table("head").map(Array.init), head.count >= 54 else {
            throw .malformed(path: font.path, table: "head", detail: "is shorter than 54 bytes")
        }
        head.replaceSubrange(8..<12, with: [0, 0, 0, 0])
        head.replaceSubrange(50..<52, with: [0, shortLoca ? 0 : 1])

        guard let post = font.table("post").map(Array.init), post.count >= 16 else {
            throw .malformed(path: font.path, table: "post", detail: "is shorter than 16 bytes")
        }
        let post3 = [0, 3, 0, 0] + post[4..<16] + [UInt8](repeating: 0, count: 16)

        var tables: [String: [UInt8]] = [
            "head": head, "loca": loca, "glyf": glyf, "post": post3, "hmtx": try metrics(font, keeping: glyphs),
            "cmap": characterMap(characters),
        ]
        for tag in copiedTables {
            if let data = font.table(tag) { tables[tag] = Array(data) }
        }
        return Subset(bytes: assemble(tables), glyphs: glyphs)
    }

    /// `glyphs` plus every glyph a composite among them refers to, at any depth.
    static func closure(_ font: TrueTypeFont, _ glyphs: Set<Int>) throws(TrueTypeError) -> Set<Int> {
        var result = glyphs
        var pending = Array(glyphs)
        while let glyph = pending.popLast() {
            for component in try components(font, glyph) where result.insert(component).inserted {
                pending.append(component)
            }
        }
        return result
    }

    /// The glyphs a composite glyph is built from; empty for simple glyphs.
    static func components(_ font: TrueTypeFont, _ glyph: Int) throws(TrueTypeError) -> [Int] {
        let data = font.glyphData(glyph)
        guard !data.isEmpty else { return [] }
        let view = TrueTypeBytes(bytes: font.bytes, range: data.indices, table: "glyf", path: font.path)
        guard try view.int16(0) < 0 else { return [] }
        var result: [Int] = []
        var offset = 10
        while true {
            let flags = try view.uint16(offset)
            let component = Int(try view.uint16(offset + 2))
            guard component < font.glyphCount else {
                throw view.failure("makes glyph \(glyph) refer to glyph \(component), beyond the last glyph")
            }
            result.append(component)
            offset += 4 + (flags & 0x0001 != 0 ? 4 : 2)
            if flags & 0x0008 != 0 {
                offset += 2
            } else if flags & 0x0040 != 0 {
                offset += 4
            } else if flags & 0x0080 != 0 {
                offset += 8
            }
            guard flags & 0x0020 != 0 else { return result }
        }
    }

    /// A `cmap` with one Windows Unicode BMP subtable (format 4), one segment per character.
    static func characterMap(_ characters: [Unicode.Scalar: Int]) -> [UInt8] {
        let mapped = characters.filter { $0.key.value < 0xFFFF }.sorted { $0.key.value < $1.key.value }
        let segments = mapped.count + 1
        var power = 1
        var log = 0
        while power * 2 <= segments {
            power *= 2
            log += 1
        }
        var subtable: [UInt8] = []
        appendUInt16(&subtable, 4)
        appendUInt16(&subtable, UInt16(16 + 8 * segments))
        appendUInt16(&subtable, 0)
        appendUInt16(&subtable, UInt16(2 * segments))
        appendUInt16(&subtable, UInt16(2 * power))
        appendUInt16(&subtable, UInt16(log))
        appendUInt16(&subtable, UInt16(2 * segments - 2 * power))
        for (scalar, _) in mapped { appendUInt16(&subtable, UInt16(scalar.value)) }
        appendUInt16(&subtable, 0xFFFF)
        appendUInt16(&subtable, 0)
        for (scalar, _) in mapped { appendUInt16(&subtable, UInt16(scalar.value)) }
        appendUInt16(&subtable, 0xFFFF)
        for (scalar, glyph) in mapped { appendUInt16(&subtable, UInt16(truncatingIfNeeded: glyph - Int(scalar.value))) }
        appendUInt16(&subtable, 1)
        for _ in 0..<segments { appendUInt16(&subtable, 0) }
        var table: [UInt8] = []
        appendUInt16(&table, 0)
        appendUInt16(&table, 1)
        appendUInt16(&table, 3)
        appendUInt16(&table, 1)
        appendUInt32(&table, 12)
        return table + subtable
    }

    /// `hmtx` with the entries of dropped glyphs zeroed, so that they compress away.
    private static func metrics(_ font: TrueTypeFont, keeping glyphs: Set<Int>) throws(TrueTypeError) -> [UInt8] {
        guard let range = font.tables["hmtx"], let hhea = font.tables["hhea"] else {
            throw .missingTable(path: font.path, tag: "hmtx")
        }
        let count = Int(try TrueTypeBytes(bytes: font.bytes, range: hhea, table: "hhea", path: font.path).uint16(34))
        let length = 4 * count + 2 * (font.glyphCount - count)
        let hmtx = TrueTypeBytes(bytes: font.bytes, range: range, table: "hmtx", path: font.path)
        var result = Array(try hmtx.slice(0, length))
        for glyph in 0..<font.glyphCount where !glyphs.contains(glyph) {
            let entry = glyph < count ? 4 * glyph : 4 * count + 2 * (glyph - count)
            let size = glyph < count ? 4 : 2
            result.replaceSubrange(entry..<entry + size, with: repeatElement(0, count: size))
        }
        return result
    }

    /// The sfnt file: table directory sorted by tag, each table 4-byte aligned with its checksum.
    static func assemble(_ tables: [String: [UInt8]]) -> [UInt8] {
        let tags = tables.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var power = 1
        var log = 0
        while power * 2 <= tags.count {
            power *= 2
            log += 1
        }
        var output: [UInt8] = []
        appendUInt32(&output, 0x0001_0000)
        appendUInt16(&output, UInt16(tags.count))
        appendUInt16(&output, UInt16(power * 16))
        appendUInt16(&output, UInt16(log))
        appendUInt16(&output, UInt16(tags.count * 16 - power * 16))
        var offset = 12 + 16 * tags.count
        var body: [UInt8] = []
        var headOffset: Int?
        for tag in tags {
            let data = tables[tag] ?? []
            output += Array(tag.utf8.prefix(4))
            appendUInt32(&output, checksum(data))
            appendUInt32(&output, UInt32(offset))
            appendUInt32(&output, UInt32(data.count))
            if tag == "head" { headOffset = offset }
            body += data
            while body.count % 4 != 0 { body.append(0) }
            offset = 12 + 16 * tags.count + body.count
        }
        output += body
        if let headOffset {
            let adjustment = 0xB1B0_AFBA &- checksum(output)
            output.replaceSubrange(headOffset + 8..<headOffset + 12, with: bigEndian(adjustment))
        }
        return output
    }

    /// The sum of the data as big-endian 32-bit words, the last one zero-padded.
    static func checksum<Bytes: Collection<UInt8>>(_ data: Bytes) -> UInt32 where Bytes.Index == Int {
        var sum: UInt32 = 0
        var index = data.startIndex
        while index < data.endIndex {
            var word: UInt32 = 0
            for shift in [24, 16, 8, 0] {
                word |= index < data.endIndex ? UInt32(data[index]) << UInt32(shift) : 0
                index += 1
            }
            sum = sum &+ word
        }
        return sum
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [
            UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value),
        ]
    }

    private static func appendUInt16(_ output: inout [UInt8], _ value: UInt16) {
        output += [UInt8(value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    private static func appendUInt32(_ output: inout [UInt8], _ value: UInt32) {
        output += bigEndian(value)
    }
}
