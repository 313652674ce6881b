import Foundation
import Testing

@testable import Signing

/// The TrueType reader on Liberation Serif (values cross-checked with fontTools) and on hostile variations of it.
@Suite struct TrueTypeFontTests {
    static let path = VisibleSignatureBox.defaultFontPath

    let font: TrueTypeFont

    init() throws {
        font = try TrueTypeFont.load(path: Self.path)
    }

    /// The font with some tables replaced (nil removes one), re-assembled with correct checksums.
    static func rebuilt(_ font: TrueTypeFont, replacing changes: [String: [UInt8]?]) -> [UInt8] {
        var tables: [String: [UInt8]] = [:]
        for (tag, range) in font.tables { tables[tag] = Array(font.bytes[range]) }
        for (tag, data) in changes { tables[tag] = data }
        return TrueTypeSubsetter.assemble(tables)
    }

    static func uint16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    static func uint32(_ value: Int) -> [UInt8] { uint16(value >> 16) + uint16(value & 0xFFFF) }

    /// A `cmap` with a single (3,10) format 12 subtable of the given groups.
    static func format12(_ groups: [(start: Int, end: Int, glyph: Int)]) -> [UInt8] {
        var subtable = uint16(12) + uint16(0) + uint32(16 + 12 * groups.count) + uint32(0) + uint32(groups.count)
        for group in groups { subtable += uint32(group.start) + uint32(group.end) + uint32(group.glyph) }
        return uint16(0) + uint16(1) + uint16(3) + uint16(10) + uint32(12) + subtable
    }

    @Test func readsLiberationSerifMetricsAsFontToolsReportsThem() {
        #expect(font.unitsPerEm == 2048)
        #expect(font.glyphCount == 2602)
        #expect(font.ascender == 1825 && font.descender == -443)
        #expect(font.capHeight == 1341 && font.weightClass == 400)
        #expect(font.italicAngle == 0 && !font.isFixedPitch && font.isSerif)
        #expect(font.postScriptName == "LiberationSerif")
        #expect(font.glyphOffsets.count == font.glyphCount + 1)
    }

    @Test func format4MapsVietnameseCharactersToTheirGlyphsAndWidths() {
        let expected: [(Unicode.Scalar, Int, Int)] = [
            ("A", 36, 1479), ("Đ", 210, 1479), ("ệ", 1713, 909), ("1", 20, 1024),
        ]
        for (scalar, glyph, advance) in expected {
            #expect(font.glyph(for: scalar) == glyph, "glyph of \(scalar)")
            #expect(font.advances[glyph] == advance, "advance of \(scalar)")
        }
        #expect(font.glyph(for: "漢") == nil)
        #expect(font.glyph(for: "\u{1F600}") == nil)
    }

    @Test func format12IsPreferredAndMapsLikeFormat4() throws {
        let scalars: [Unicode.Scalar] = ["A", "B", "Đ", "ệ", "1", "/"]
        let groups =
            scalars.map { (start: Int($0.value), end: Int($0.value), glyph: font.glyph(for: $0) ?? 0) }
            .sorted { $0.start < $1.start } + [(start: 0x1F600, end: 0x1F601, glyph: 5)]
        // The original (3,1) format 4 subtable (the font's third record) stays, after the format 12 one.
        let original = Array(try #require(font.table("cmap")))
        let fourOffset = Int(try TrueTypeBytes(bytes: original, table: "cmap", path: "").uint32(4 + 8 * 2 + 4))
        let four = Array(original[fourOffset...])
        let twelve = Array(Self.format12(groups)[12...])
        let cmap =
            Self.uint16(0) + Self.uint16(2) + Self.uint16(3) + Self.uint16(1) + Self.uint32(20 + twelve.count)
            + Self.uint16(3) + Self.uint16(10) + Self.uint32(20) + twelve + four
        let bytes = Self.rebuilt(font, replacing: ["cmap": cmap])

        let rebuilt = try TrueTypeFont(bytes: bytes, path: "format12.ttf")

        guard case .segmentedCoverage(let groupCount) = rebuilt.characterMap.format else {
            Issue.record("format 12 was not chosen")
            return
        }
        #expect(groupCount == groups.count)
        for scalar in scalars { #expect(rebuilt.glyph(for: scalar) == font.glyph(for: scalar), "\(scalar)") }
        #expect(rebuilt.glyph(for: "\u{1F601}") == 6)
        #expect(rebuilt.glyph(for: "C") == nil, "format 12 has no group for C, even though format 4 does")
    }

    @Test(arguments: [0, 4, 11, 12, 100, 1_000, 100_000])
    func aTruncatedFileIsATypedError(length: Int) {
        #expect(throws: TrueTypeError.self) {
            _ = try TrueTypeFont(bytes: Array(font.bytes.prefix(length)), path: "cut.ttf")
        }
    }

    @Test func aFileWhoseLastBytesAreMissingIsReportedAsMalformed() {
        #expect {
            _ = try TrueTypeFont(bytes: Array(font.bytes.dropLast(1)), path: "cut.ttf")
        } throws: { error in
            guard case .malformed(let path, _, let detail)? = error as? TrueTypeError else { return false }
            return path == "cut.ttf" && detail.contains("outside the file")
        }
    }

    @Test func postScriptOutlinesAndCollectionsAreRefused() {
        for (signature, word) in [("OTTO", "CFF"), ("ttcf", "collection")] {
            var bytes = font.bytes
            bytes.replaceSubrange(0..<4, with: Array(signature.utf8))
            #expect {
                _ = try TrueTypeFont(bytes: bytes, path: "x.otf")
            } throws: { error in
                guard case .notTrueType(_, let detail)? = error as? TrueTypeError else { return false }
                return detail.contains(word)
            }
        }
    }

    @Test func missingTablesAreNamed() {
        for tag in ["head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "OS/2", "post"] {
            let bytes = Self.rebuilt(font, replacing: [tag: nil])
            #expect(throws: TrueTypeError.missingTable(path: "x.ttf", tag: tag)) {
                _ = try TrueTypeFont(bytes: bytes, path: "x.ttf")
            }
        }
    }

    @Test func inconsistentTablesAreMalformed() throws {
        var loca = Array(try #require(font.table("loca")))
        loca.replaceSubrange(40..<44, with: [0xFF, 0xFF, 0xFF, 0xFF])  // glyph 10 far outside glyf
        var head = Array(try #require(font.table("head")))
        head[12] = 0  // magic number
        var hhea = Array(try #require(font.table("hhea")))
        hhea.replaceSubrange(34..<36, with: [0xFF, 0xFF])  // more metrics than glyphs
        let truncatedHmtx = Array(try #require(font.table("hmtx")).prefix(100))
        let emptyCmap = Self.uint16(0) + Self.uint16(0)
        for (tag, data) in [
            ("loca", loca), ("head", head), ("hhea", hhea), ("hmtx", truncatedHmtx), ("cmap", emptyCmap),
        ] {
            let bytes = Self.rebuilt(font, replacing: [tag: data])
            #expect {
                _ = try TrueTypeFont(bytes: bytes, path: "x.ttf")
            } throws: { error in
                guard case .malformed(_, let table, _)? = error as? TrueTypeError else { return false }
                return table == tag
            }
        }
    }

    @Test func aFontThatForbidsEmbeddingIsRefused() throws {
        var os2 = Array(try #require(font.table("OS/2")))
        os2.replaceSubrange(8..<10, with: [0, 2])
        let bytes = Self.rebuilt(font, replacing: ["OS/2": os2])

        #expect(throws: TrueTypeError.embeddingForbidden(path: "x.ttf")) {
            _ = try TrueTypeFont(bytes: bytes, path: "x.ttf")
        }
    }

    /// Random corruption of the table directory and tables never traps: each variant loads (and subsets) or throws
    /// a TrueTypeError.
    @Test func randomCorruptionGivesATypedErrorOrAUsableFont() {
        var generator = SplitMix64(seed: 30_2020)
        let headerEnd = 12 + 16 * font.tables.count
        var outcomes = (loaded: 0, refused: 0)
        for round in 0..<300 {
            var bytes = font.bytes
            for _ in 0..<8 {
                // Half the rounds hit the directory, where damage reaches every table.
                let limit = round % 2 == 0 ? headerEnd : bytes.count
                bytes[Int(generator.next() % UInt64(limit))] = UInt8(truncatingIfNeeded: generator.next())
            }
            do {
                let damaged = try TrueTypeFont(bytes: bytes, path: "fuzz.ttf")
                var characters: [Unicode.Scalar: Int] = [:]
                for scalar in "AĐệ1".unicodeScalars { characters[scalar] = damaged.glyph(for: scalar) }
                _ = try TrueTypeSubsetter.subset(damaged, characters: characters)
                outcomes.loaded += 1
            } catch {
                outcomes.refused += 1
            }
        }
        #expect(outcomes.loaded + outcomes.refused == 300)
        #expect(outcomes.refused > 0, "corrupting the directory must be noticed at least once")
        #expect(outcomes.loaded > 0, "damage inside outlines must still reach the subsetter")
    }
}

/// A small deterministic generator, so that a fuzz failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
