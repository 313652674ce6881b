/// Reads the chain of cross-reference sections, newest first, through `/Prev` (and `/XRefStm` in hybrid files).
struct PDFXrefReader {
    let reader: PDFFileReader
    let limits: PDFLimits

    private var path: String { reader.path }

    func readChain(from start: Int64) throws(PDFError) -> (sections: [PDFXrefSection], merged: [Int: PDFXrefEntry]) {
        var sections: [PDFXrefSection] = []
        var merged: [Int: PDFXrefEntry] = [:]
        var visited: Set<Int64> = []
        var next: Int64? = start
        while let offset = next {
            guard visited.insert(offset).inserted else { throw damaged("the /Prev chain loops at offset \(offset)") }
            guard sections.count < limits.maxSections else {
                throw .limitExceeded(path: path, detail: "more than \(limits.maxSections) incremental updates")
            }
            var section = try readSection(at: offset)
            // Hybrid file: the table's trailer points at a stream that lists the objects hidden from old readers.
            if section.kind == .table, let streamOffset = section.trailer["XRefStm"]?.integer {
                let hidden = try readSection(at: Int64(streamOffset))
                for (number, entry) in hidden.entries
                where section.entries[number] == nil
                    || section.entries[number] == .free
                {
                    section.entries[number] = entry
                }
            }
            for (number, entry) in section.entries where merged[number] == nil { merged[number] = entry }
            guard merged.count <= limits.maxObjects else {
                throw .limitExceeded(path: path, detail: "more than \(limits.maxObjects) objects")
            }
            sections.append(section)
            switch section.trailer["Prev"] {
            case nil: next = nil
            case .integer(let previous)? where previous >= 0 && Int64(previous) < reader.size: next = Int64(previous)
            default: throw damaged("a trailer's /Prev offset is not a position in the file")
            }
        }
        return (sections, merged)
    }

    func readSection(at offset: Int64) throws(PDFError) -> PDFXrefSection {
        guard offset >= 0, offset < reader.size else { throw damaged("a cross-reference offset is outside the file") }
        var probe = PDFParser(bytes: try reader.read(at: offset, count: 64))
        if (try? probe.consumeKeyword("xref")) == true { return try readTable(at: offset) }
        return try readStream(at: offset)
    }

    private func readTable(at offset: Int64) throws(PDFError) -> PDFXrefSection {
        let limit = limits.maxObjects * 21 + limits.maxObjectBytes
        let maxObjects = limits.maxObjects
        let parsed = try PDFWindow.parse(reader: reader, at: offset, limit: limit) {
            (parser: inout PDFParser) throws(PDFParser.Failure) -> ([Int: PDFXrefEntry], PDFDictionary) in
            guard try parser.consumeKeyword("xref") else { throw .syntax("expected 'xref'") }
            var entries: [Int: PDFXrefEntry] = [:]
            while true {
                if try parser.consumeKeyword("trailer") {
                    guard case .dictionary(let trailer) = try parser.parseObject() else {
                        throw .syntax("the trailer is not a dictionary")
                    }
                    return (entries, trailer)
                }
                guard case .integer(let first) = try parser.parseObject(),
                    case .integer(let count) = try parser.parseObject(),
                    first >= 0, count >= 0, first + count <= maxObjects
                else { throw .syntax("bad cross-reference subsection header") }
                for number in first..<first + count {
                    parser.skipWhitespace()
                    guard let offsetToken = parser.peekToken() else { throw .truncated }
                    parser.position += offsetToken.count
                    parser.skipWhitespace()
                    guard let generationToken = parser.peekToken() else { throw .truncated }
                    parser.position += generationToken.count
                    parser.skipWhitespace()
                    guard let typeToken = parser.peekToken() else { throw .truncated }
                    parser.position += typeToken.count
                    guard parser.position < parser.bytes.count else { throw .truncated }
                    guard let entryOffset = PDFParser.integer(offsetToken),
                        let generation = PDFParser.integer(generationToken), typeToken.count == 1
                    else { throw .syntax("bad cross-reference entry for object \(number)") }
                    switch typeToken.first {
                    case UInt8(ascii: "n"):
                        // Offset 0 for an in-use object is a known producer bug; treat it as free.
                        entries[number] =
                            entryOffset > 0
                            ? .inFile(offset: Int64(entryOffset), generation: generation) : .free
                    case UInt8(ascii: "f"):
                        entries[number] = .free
                    default:
                        throw .syntax("bad cross-reference entry type for object \(number)")
                    }
                }
            }
        }
        return PDFXrefSection(offset: offset, kind: .table, trailer: parsed.value.1, entries: parsed.value.0)
    }

    private func readStream(at offset: Int64) throws(PDFError) -> PDFXrefSection {
        // No entries are known yet: a cross-reference stream's /Length must be direct (ISO 32000-1 7.5.8.2).
        let document = PDFObjectReader(reader: reader, limits: limits)
        let object = try document.parseIndirect(at: offset)
        guard let dictionary = object.value.dictionary, dictionary["Type"]?.name == "XRef" else {
            throw damaged("no cross-reference table or stream at offset \(offset) (wrong startxref or /Prev)")
        }
        guard case .array(let widthObjects)? = dictionary["W"], widthObjects.count == 3 else {
            throw damaged("cross-reference stream \(object.reference) has no valid /W")
        }
        let widths = widthObjects.compactMap(\.integer)
        guard widths.count == 3, widths.allSatisfy({ (0...8).contains($0) }), widths[1] > 0 else {
            throw damaged("cross-reference stream \(object.reference) has unusable /W widths")
        }
        guard let size = dictionary["Size"]?.integer, size >= 0, size <= limits.maxObjects else {
            throw .limitExceeded(path: path, detail: "a cross-reference stream declares too many objects")
        }
        var ranges: [(Int, Int)] = []
        if case .array(let index)? = dictionary["Index"] {
            let numbers = index.compactMap(\.integer)
            guard numbers.count == index.count, numbers.count % 2 == 0 else {
                throw damaged("cross-reference stream \(object.reference) has a bad /Index")
            }
            for pair in stride(from: 0, to: numbers.count, by: 2) {
                let (first, count) = (numbers[pair], numbers[pair + 1])
                guard first >= 0, count >= 0, first + count <= limits.maxObjects else {
                    throw .limitExceeded(path: path, detail: "a cross-reference stream lists too many objects")
                }
                ranges.append((first, count))
            }
        } else {
            ranges = [(0, size)]
        }
        let data = try document.streamBytes(object)
        let rowWidth = widths.reduce(0, +)
        var entries: [Int: PDFXrefEntry] = [:]
        var position = 0
        for (first, count) in ranges {
            for number in first..<first + count {
                guard position + rowWidth <= data.count else {
                    throw damaged("cross-reference stream \(object.reference) is shorter than its /Index says")
                }
                var fields: [Int] = []
                for width in widths {
                    var value = 0
                    for byte in data[position..<position + width] { value = value << 8 | Int(byte) }
                    fields.append(value)
                    position += width
                }
                let type = widths[0] == 0 ? 1 : fields[0]
                switch type {
                case 0: entries[number] = .free
                case 1: entries[number] = .inFile(offset: Int64(fields[1]), generation: fields[2])
                case 2: entries[number] = .inObjectStream(stream: fields[1], index: fields[2])
                default: break  // Unknown types are references to the null object (ISO 32000-1 7.5.8.3).
                }
            }
        }
        return PDFXrefSection(offset: offset, kind: .stream, trailer: dictionary, entries: entries)
    }

    private func damaged(_ detail: String) -> PDFError { .damaged(path: path, detail: detail) }
}
