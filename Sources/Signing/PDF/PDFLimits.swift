/// Safety limits for reading untrusted PDFs. A file beyond any of them is refused with
/// ``PDFError/limitExceeded(path:detail:)`` instead of consuming unbounded memory or time.
struct PDFLimits: Sendable {
    /// Highest object number plus one, across all cross-reference sections.
    var maxObjects = 2_000_000
    /// Nesting of arrays and dictionaries inside one object, and of the page tree.
    var maxDepth = 64
    /// Bytes of one object's text (dictionaries, arrays, strings), excluding stream data.
    var maxObjectBytes = 4 << 20
    /// Bytes of a stream that is decoded in memory (cross-reference and object streams), before and after
    /// decompression.
    var maxStreamBytes = 64 << 20
    /// Cross-reference sections followed through `/Prev` (one per incremental update).
    var maxSections = 4_096
    /// Objects packed in one object stream.
    var maxObjectsPerStream = 100_000

    static let standard = PDFLimits()
}
