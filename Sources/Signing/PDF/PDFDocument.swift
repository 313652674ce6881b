import Foundation

/// A read-only view of a PDF file: its cross-reference data, trailer and the objects a signature needs.
///
/// Opening reads only the end of the file, the cross-reference sections (following `/Prev` through every
/// incremental update) and the trailer; objects are read on demand at their offsets. Every read is bounded by
/// ``PDFLimits``; encrypted files are refused, damaged ones reported with ``PDFError/damaged(path:detail:)``.
final class PDFDocument {
    /// One object read from the file; `streamData` is the byte range of its stream data, if it is a stream.
    struct IndirectObject {
        let reference: PDFReference
        let value: PDFObject
        let streamData: Range<Int64>?
    }

    let reader: PDFFileReader
    let limits: PDFLimits
    /// The offset given by the last `startxref` of the file: the newest cross-reference section.
    let startXref: Int64
    /// Cross-reference sections, newest first.
    let sections: [PDFXrefSection]
    /// The newest trailer.
    let trailer: PDFDictionary
    /// Where each object's newest revision is.
    let xref: [Int: PDFXrefEntry]

    private var objectStreamCache: (number: Int, offsets: [(number: Int, offset: Int)], bytes: [UInt8])?

    var path: String { reader.path }
    var fileSize: Int64 { reader.size }
    /// Whether the newest section is a cross-reference stream (so an update must use one too).
    var usesXrefStreams: Bool { sections.first?.kind == .stream }

    convenience init(path: String, limits: PDFLimits = .standard) throws(PDFError) {
        try self.init(reader: PDFFileReader(path: path), limits: limits)
    }

    init(reader: PDFFileReader, limits: PDFLimits = .standard) throws(PDFError) {
        self.reader = reader
        self.limits = limits
        let head = try reader.read(at: 0, count: 5)
        guard head == Array("%PDF-".utf8) else { throw .notPDF(path: reader.path) }
        startXref = try Self.findStartXref(reader)
        let loaded = try PDFXrefReader(reader: reader, limits: limits).readChain(from: startXref)
        sections = loaded.sections
        xref = loaded.merged
        guard let newest = sections.first else { throw .damaged(path: reader.path, detail: "no cross-reference") }
        trailer = newest.trailer
        if sections.contains(where: { $0.trailer["Encrypt"] != nil }) { throw .encrypted(path: reader.path) }
        guard trailer["Root"]?.reference != nil else {
            throw .damaged(path: reader.path, detail: "the trailer has no /Root catalog reference")
        }
    }

    /// The document as it stood after the revision whose cross-reference section is `sections[index]`: that section
    /// and the older ones only. Later revisions' objects are invisible to it.
    func revision(sectionIndex index: Int) -> PDFDocument {
        var merged: [Int: PDFXrefEntry] = [:]
        for section in sections[index...] {
            for (number, entry) in section.entries where merged[number] == nil { merged[number] = entry }
        }
        return PDFDocument(
            reader: reader, limits: limits, startXref: sections[index].offset, sections: Array(sections[index...]),
            xref: merged)
    }

    private init(
        reader: PDFFileReader, limits: PDFLimits, startXref: Int64, sections: [PDFXrefSection],
        xref: [Int: PDFXrefEntry]
    ) {
        self.reader = reader
        self.limits = limits
        self.startXref = startXref
        self.sections = sections
        self.trailer = sections[0].trailer
        self.xref = xref
    }

    /// `/Size` of the newest trailer: the first object number an update may use.
    var nextObjectNumber: Int {
        let declared = trailer["Size"]?.integer ?? 0
        return max(declared, (xref.keys.max() ?? 0) + 1)
    }

    // MARK: Objects

    /// The newest revision of `reference`; `.null` for free or missing objects (ISO 32000-1 7.3.10).
    func object(_ reference: PDFReference) throws(PDFError) -> IndirectObject {
        try object(reference, depth: 0)
    }

    private func object(_ reference: PDFReference, depth: Int) throws(PDFError) -> IndirectObject {
        guard depth < 8 else { throw damaged("references nest too deeply while reading object \(reference)") }
        switch xref[reference.number] {
        case nil, .free?:
            return IndirectObject(reference: reference, value: .null, streamData: nil)
        case .inFile(let offset, _)?:
            let found = try parseIndirect(at: offset, depth: depth)
            guard found.reference.number == reference.number else {
                throw damaged(
                    "the cross-reference points object \(reference.number) at offset \(offset), "
                        + "but object \(found.reference.number) is there")
            }
            return found
        case .inObjectStream(let stream, let index)?:
            return IndirectObject(
                reference: reference, value: try compressedObject(reference.number, stream: stream, index: index),
                streamData: nil)
        }
    }

    /// Follows references (a bounded number of times) to a direct value.
    func resolve(_ value: PDFObject?) throws(PDFError) -> PDFObject {
        var current = value ?? .null
        var hops = 0
        while case .reference(let reference) = current {
            hops += 1
            guard hops <= 8 else { throw damaged("a chain of references does not end") }
            current = try object(reference).value
        }
        return current
    }

    /// The decoded data of a stream object that lienthong reads itself (xref and object streams), bounded.
    func streamBytes(_ object: IndirectObject) throws(PDFError) -> [UInt8] {
        try PDFObjectReader(reader: reader, limits: limits).streamBytes(object)
    }

    func parseIndirect(at offset: Int64, depth: Int = 0) throws(PDFError) -> IndirectObject {
        try PDFObjectReader(reader: reader, limits: limits).parseIndirect(at: offset) {
            (reference: PDFReference) throws(PDFError) -> PDFObject in
            try self.object(reference, depth: depth + 1).value
        }
    }

    private func compressedObject(_ number: Int, stream: Int, index: Int) throws(PDFError) -> PDFObject {
        if objectStreamCache?.number != stream {
            guard case .inFile? = xref[stream] else {
                throw damaged("object stream \(stream) holding object \(number) is missing")
            }
            let container = try object(PDFReference(number: stream, generation: 0), depth: 1)
            guard let dictionary = container.value.dictionary, dictionary["Type"]?.name == "ObjStm",
                let count = dictionary["N"]?.integer, let first = dictionary["First"]?.integer,
                count >= 0, count <= limits.maxObjectsPerStream, first >= 0
            else { throw damaged("object \(stream) is not a valid object stream") }
            let bytes = try streamBytes(container)
            var parser = PDFParser(bytes: bytes)
            var offsets: [(number: Int, offset: Int)] = []
            for _ in 0..<count {
                guard case .integer(let objectNumber)? = try? parser.parseObject(),
                    case .integer(let relative)? = try? parser.parseObject(), relative >= 0,
                    first + relative < bytes.count
                else { throw damaged("the index of object stream \(stream) is corrupt") }
                offsets.append((objectNumber, first + relative))
            }
            objectStreamCache = (stream, offsets, bytes + [0x0A])
        }
        guard let cache = objectStreamCache, index >= 0, index < cache.offsets.count,
            cache.offsets[index].number == number
        else { throw damaged("object \(number) is not at index \(index) of object stream \(stream)") }
        var parser = PDFParser(bytes: cache.bytes, position: cache.offsets[index].offset, maxDepth: limits.maxDepth)
        do {
            return try parser.parseObject()
        } catch {
            if error == .tooDeep {
                throw .limitExceeded(path: path, detail: "object \(number) nests deeper than \(limits.maxDepth) levels")
            }
            throw damaged("object \(number) in object stream \(stream) cannot be parsed")
        }
    }

    // MARK: Structure

    var catalogReference: PDFReference? { trailer["Root"]?.reference }

    func catalog() throws(PDFError) -> PDFDictionary {
        guard let reference = catalogReference, let catalog = try object(reference).value.dictionary else {
            throw damaged("the document catalog (/Root) is missing")
        }
        return catalog
    }

    /// The first page's reference and dictionary, found by descending the page tree.
    func firstPage() throws(PDFError) -> (reference: PDFReference, dictionary: PDFDictionary) {
        guard var node = try catalog()["Pages"]?.reference else { throw damaged("the catalog has no /Pages") }
        var seen: Set<Int> = []
        for _ in 0...limits.maxDepth {
            guard seen.insert(node.number).inserted else { throw damaged("the page tree contains a loop") }
            guard let dictionary = try object(node).value.dictionary else {
                throw damaged("page tree node \(node) is not a dictionary")
            }
            let type = dictionary["Type"]?.name
            if type == "Page" || (type == nil && dictionary["Kids"] == nil) { return (node, dictionary) }
            guard case .array(let kids) = try resolve(dictionary["Kids"]) else {
                throw damaged("page tree node \(node) has no /Kids")
            }
            var next: PDFReference?
            for kid in kids {
                guard let reference = kid.reference else { continue }
                let child = try object(reference).value.dictionary
                if child?["Type"]?.name == "Pages", (try resolve(child?["Count"]).integer ?? 1) == 0 { continue }
                next = reference
                break
            }
            guard let next else { throw damaged("the document has no pages") }
            node = next
        }
        throw .limitExceeded(path: path, detail: "the page tree is deeper than \(limits.maxDepth) levels")
    }

    func damaged(_ detail: String) -> PDFError { .damaged(path: path, detail: detail) }

    /// The offset after the last `startxref` in the final 4 KiB.
    private static func findStartXref(_ reader: PDFFileReader) throws(PDFError) -> Int64 {
        let tailSize = Int(min(reader.size, 4096))
        let tail = try reader.read(at: reader.size - Int64(tailSize), count: tailSize)
        let keyword = Array("startxref".utf8)
        var found: Int?
        if tail.count >= keyword.count {
            for start in stride(from: tail.count - keyword.count, through: 0, by: -1)
            where tail[start] == keyword[0] && Array(tail[start..<start + keyword.count]) == keyword {
                found = start + keyword.count
                break
            }
        }
        guard let found else {
            throw .damaged(path: reader.path, detail: "no 'startxref' at the end: the file is truncated or incomplete")
        }
        var parser = PDFParser(bytes: tail + [0x0A], position: found)
        parser.skipWhitespace()
        guard let token = parser.peekToken(), let offset = PDFParser.integer(token), offset > 0,
            Int64(offset) < reader.size
        else {
            throw .damaged(path: reader.path, detail: "the 'startxref' offset is missing or outside the file")
        }
        return Int64(offset)
    }
}
