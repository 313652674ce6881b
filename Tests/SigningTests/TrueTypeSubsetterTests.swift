import Foundation
import Testing

@testable import Signing

/// The subset embedded in signed PDFs: same glyph ids, outlines only where needed, valid checksums.
@Suite struct TrueTypeSubsetterTests {
    let font: TrueTypeFont

    init() throws {
        font = try TrueTypeFont.load(path: VisibleSignatureBox.defaultFontPath)
    }

    func characters(_ text: String) -> [Unicode.Scalar: Int] {
        var result: [Unicode.Scalar: Int] = [:]
        for scalar in text.unicodeScalars { result[scalar] = font.glyph(for: scalar) }
        return result
    }

    @Test func keepsOutlinesOfUsedGlyphsNotdefAndCompositeComponentsOnly() throws {
        let text = "Số 12/QĐ-UBND"
        let used = Set(characters(text).values)
        // Đ and ố are composites in Liberation Serif: their parts must come along.
        let composites = used.filter { (try? TrueTypeSubsetter.components(font, $0).isEmpty) == false }
        #expect(composites.count >= 2)

        let subset = try TrueTypeSubsetter.subset(font, characters: characters(text))
        let parsed = try TrueTypeFont(bytes: subset.bytes, path: "subset.ttf")

        var expected = used.union([0])
        for composite in composites { expected.formUnion(try TrueTypeSubsetter.components(font, composite)) }
        #expect(subset.glyphs == expected)
        #expect(parsed.glyphCount == font.glyphCount)
        for glyph in 0..<font.glyphCount {
            let outline = Array(font.glyphData(glyph))
            let kept = Array(parsed.glyphData(glyph))
            if expected.contains(glyph) {
                #expect(Array(kept.prefix(outline.count)) == outline && kept.count - outline.count < 4, "\(glyph)")
                #expect(parsed.advances[glyph] == font.advances[glyph], "advance of \(glyph)")
            } else if !kept.isEmpty {
                Issue.record("glyph \(glyph) is not used but kept its outline")
            }
        }
        for scalar in text.unicodeScalars { #expect(parsed.glyph(for: scalar) == font.glyph(for: scalar), "\(scalar)") }
        #expect(parsed.glyph(for: "Z") == nil, "the subset's cmap maps only the characters shown")
        #expect(subset.bytes.count < font.bytes.count / 10, "\(subset.bytes.count) bytes")
    }

    @Test func everyTableChecksumAndTheWholeFontChecksumAreRight() throws {
        let subset = try TrueTypeSubsetter.subset(font, characters: characters("2026-11-25T14:03:05+07:00"))
        let bytes = TrueTypeBytes(bytes: subset.bytes, table: "offset", path: "subset.ttf")
        let count = Int(try bytes.uint16(4))
        var tags: [String] = []
        for index in 0..<count {
            let record = 12 + 16 * index
            let tag = String(decoding: try bytes.slice(record, 4), as: UTF8.self)
            tags.append(tag)
            let offset = Int(try bytes.uint32(record + 8))
            let length = Int(try bytes.uint32(record + 12))
            var data = Array(subset.bytes[offset..<offset + length])
            if tag == "head" { data.replaceSubrange(8..<12, with: [0, 0, 0, 0]) }
            #expect(TrueTypeSubsetter.checksum(data) == (try bytes.uint32(record + 4)), "checksum of \(tag)")
            #expect(offset % 4 == 0, "\(tag) is not 4-byte aligned")
        }
        #expect(tags == tags.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(
            Set(tags) == [
                "OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post", "prep",
            ])
        #expect(TrueTypeSubsetter.checksum(subset.bytes) == 0xB1B0_AFBA)
        let post = try bytes.view(Int(try bytes.uint32(12 + 16 * (tags.firstIndex(of: "post") ?? 0) + 8)), 32)
        #expect(try post.uint32(0) == 0x0003_0000, "post is format 3, without glyph names")
    }

    @Test func aSmallSubsetUsesShortLocaOffsets() throws {
        let subset = try TrueTypeSubsetter.subset(font, characters: characters("12/GM-UBND"))
        let parsed = try TrueTypeFont(bytes: subset.bytes, path: "subset.ttf")
        let loca = try #require(parsed.tables["loca"])
        #expect(loca.count == 2 * (font.glyphCount + 1))
    }

    @Test func aCompositeThatRefersBeyondTheLastGlyphIsATypedError() throws {
        // Make glyph 210 (Đ, a composite) name glyph 0xFFFF as its first component.
        var glyf = Array(try #require(font.table("glyf")))
        let start = font.glyphOffsets[210]
        glyf.replaceSubrange(start + 12..<start + 14, with: [0xFF, 0xFF])
        let damaged = try TrueTypeFont(
            bytes: TrueTypeFontTests.rebuilt(font, replacing: ["glyf": glyf]), path: "damaged.ttf")

        #expect {
            _ = try TrueTypeSubsetter.subset(damaged, characters: ["Đ": 210])
        } throws: { error in
            guard case .malformed(_, "glyf", let detail)? = error as? TrueTypeError else { return false }
            return detail.contains("beyond the last glyph")
        }
    }

    @Test func aCompositeThatContainsItselfEnds() throws {
        var glyf = Array(try #require(font.table("glyf")))
        let start = font.glyphOffsets[210]
        glyf.replaceSubrange(start + 12..<start + 14, with: [0, 210])
        let looping = try TrueTypeFont(
            bytes: TrueTypeFontTests.rebuilt(font, replacing: ["glyf": glyf]), path: "loop.ttf")

        let subset = try TrueTypeSubsetter.subset(looping, characters: ["Đ": 210])

        #expect(subset.glyphs.contains(210) && subset.glyphs.contains(0))
    }
}
