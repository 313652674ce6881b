/// Where one object lives, from a cross-reference table or stream.
enum PDFXrefEntry: Sendable, Equatable {
    /// Deleted or never used: later sections' free entries hide older revisions.
    case free
    /// At a byte offset in the file.
    case inFile(offset: Int64, generation: Int)
    /// Packed in object stream `stream` at position `index` (generation 0).
    case inObjectStream(stream: Int, index: Int)
}

/// One cross-reference section (one revision of the file) as read from the file.
struct PDFXrefSection {
    enum Kind { case table, stream }

    let offset: Int64
    let kind: Kind
    /// The trailer dictionary; for an xref stream, the stream's dictionary.
    let trailer: PDFDictionary
    var entries: [Int: PDFXrefEntry]
}
