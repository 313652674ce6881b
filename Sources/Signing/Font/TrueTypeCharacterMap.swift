/// The font's Unicode-to-glyph map (`cmap`): a format 12 subtable (full Unicode) when the font has one, else a
/// format 4 subtable (Basic Multilingual Plane). Lookups read the subtable in place, bounds-checked.
struct TrueTypeCharacterMap: Sendable {
    enum Format: Sendable {
        case segmentMapping(segmentCount: Int)
        case segmentedCoverage(groupCount: Int)
    }

    let subtable: TrueTypeBytes
    let format: Format

    /// Picks the best Unicode subtable and checks that its arrays lie inside it.
    init(table: TrueTypeBytes, glyphCount: Int) throws(TrueTypeError) {
        let count = Int(try table.uint16(2))
        var best: (rank: Int, offset: Int)?
        for index in 0..<min(count, 256) {
            let record = 4 + 8 * index
            let platform = try table.uint16(record)
            let encoding = try table.uint16(record + 2)
            let offset = Int(try table.uint32(record + 4))
            let format = try table.uint16(offset)
            let rank: Int
            switch (platform, encoding, format) {
            case (3, 10, 12), (0, 4, 12), (0, 6, 12): rank = 3
            case (3, 1, 4), (0, 3, 4): rank = 2
            case (0, _, 4): rank = 1
            default: continue
            }
            if rank > (best?.rank ?? 0) { best = (rank, offset) }
        }
        guard let best else { throw table.failure("has no Unicode subtable of format 4 or 12") }
        if try table.uint16(best.offset) == 12 {
            let length = Int(try table.uint32(best.offset + 4))
            subtable = try table.view(best.offset, length, table: "cmap format 12")
            let groups = Int(try subtable.uint32(12))
            guard groups <= (subtable.count - 16) / 12 else { throw subtable.failure("declares \(groups) groups") }
            format = .segmentedCoverage(groupCount: groups)
        } else {
            // The 16-bit length field overflows in large fonts; the arrays are checked against the table instead.
            subtable = try table.view(best.offset, table.count - best.offset, table: "cmap format 4")
            let segments = Int(try subtable.uint16(6)) / 2
            guard segments >= 1, 16 + 8 * segments <= subtable.count else {
                throw subtable.failure("declares \(segments) segments")
            }
            format = .segmentMapping(segmentCount: segments)
        }
    }

    /// The glyph index for a Unicode code point, nil when unmapped or when the subtable is inconsistent there.
    func glyph(for codePoint: UInt32) -> Int? {
        switch format {
        case .segmentedCoverage(let groups): return try? coverageGlyph(codePoint, groups: groups)
        case .segmentMapping(let segments): return try? segmentGlyph(codePoint, segments: segments)
        }
    }

    private func coverageGlyph(_ codePoint: UInt32, groups: Int) throws(TrueTypeError) -> Int? {
        var low = 0
        var high = groups - 1
        while low <= high {
            let middle = (low + high) / 2
            let group = 16 + 12 * middle
            let start = try subtable.uint32(group)
            let end = try subtable.uint32(group + 4)
            if codePoint < start {
                high = middle - 1
            } else if codePoint > end {
                low = middle + 1
            } else {
                let glyph = UInt64(try subtable.uint32(group + 8)) + UInt64(codePoint - start)
                return glyph <= 0xFFFF ? Int(glyph) : nil
            }
        }
        return nil
    }

    private func segmentGlyph(_ codePoint: UInt32, segments: Int) throws(TrueTypeError) -> Int? {
        guard codePoint <= 0xFFFF else { return nil }
        let code = UInt16(codePoint)
        let ends = 14
        let starts = ends + 2 * segments + 2
        let deltas = starts + 2 * segments
        let rangeOffsets = deltas + 2 * segments
        for segment in 0..<segments where try subtable.uint16(ends + 2 * segment) >= code {
            let start = try subtable.uint16(starts + 2 * segment)
            guard start <= code else { return nil }
            let delta = try subtable.uint16(deltas + 2 * segment)
            let rangeOffset = Int(try subtable.uint16(rangeOffsets + 2 * segment))
            if rangeOffset == 0 { return Int(code &+ delta) }
            let address = rangeOffsets + 2 * segment + rangeOffset + 2 * Int(code - start)
            let glyph = try subtable.uint16(address)
            return glyph == 0 ? nil : Int(glyph &+ delta)
        }
        return nil
    }
}
