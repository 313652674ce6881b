/// Reads one indirect object (and a stream's data) at a file offset, with the bounds of ``PDFLimits``.
struct PDFObjectReader {
    let reader: PDFFileReader
    let limits: PDFLimits

    private var path: String { reader.path }

    /// The decoded data of a stream object that lienthong reads itself (xref and object streams), bounded.
    func streamBytes(_ object: PDFDocument.IndirectObject) throws(PDFError) -> [UInt8] {
        guard let range = object.streamData, let dictionary = object.value.dictionary else {
            throw damaged("object \(object.reference) is not a stream")
        }
        guard range.count <= Int64(limits.maxStreamBytes) else {
            throw .limitExceeded(path: path, detail: "a stream of \(range.count) bytes exceeds the limit")
        }
        let raw = try reader.read(at: range.lowerBound, count: Int(range.count))
        do {
            return try PDFStreamDecoder.decode(raw, dictionary: dictionary, limit: limits.maxStreamBytes)
        } catch {
            switch error {
            case .unsupported(let detail): throw .unsupported(path: path, detail: detail)
            case .corrupt(let detail): throw damaged("stream \(object.reference): \(detail)")
            case .tooLarge:
                throw .limitExceeded(path: path, detail: "stream \(object.reference) decompresses past the limit")
            }
        }
    }

    func parseIndirect(
        at offset: Int64,
        resolveLength: ((PDFReference) throws(PDFError) -> PDFObject)? = nil
    ) throws(PDFError) -> PDFDocument.IndirectObject {
        guard offset >= 0, offset < reader.size else { throw damaged("an object offset \(offset) is outside the file") }
        let parsed = try PDFWindow.parse(reader: reader, at: offset, limit: limits.maxObjectBytes) {
            (parser: inout PDFParser) throws(PDFParser.Failure) -> (PDFReference, PDFObject, Int?) in
            let reference = try parser.parseObjectHeader()
            let value = try parser.parseObject()
            guard value.dictionary != nil, try parser.consumeKeyword("stream") else { return (reference, value, nil) }
            // The keyword is followed by CRLF or LF (a lone CR is tolerated).
            guard parser.position + 1 < parser.bytes.count else { throw .truncated }
            if parser.bytes[parser.position] == 0x0D { parser.position += 1 }
            if parser.bytes[parser.position] == 0x0A { parser.position += 1 }
            return (reference, value, parser.position)
        }
        let (reference, value, dataStart) = parsed.value
        guard let dataStart, let dictionary = value.dictionary else {
            return PDFDocument.IndirectObject(reference: reference, value: value, streamData: nil)
        }
        let lengthValue: PDFObject
        if case .reference(let lengthReference) = dictionary["Length"] {
            guard let resolveLength else { throw damaged("stream \(reference) must have a direct /Length") }
            lengthValue = try resolveLength(lengthReference)
        } else {
            lengthValue = dictionary["Length"] ?? .null
        }
        guard let length = lengthValue.integer, length >= 0 else {
            throw damaged("stream \(reference) has no usable /Length")
        }
        let start = offset + Int64(dataStart)
        guard start + Int64(length) <= reader.size else { throw damaged("stream \(reference) runs past the end") }
        let after = try reader.read(at: start + Int64(length), count: 32)
        var check = PDFParser(bytes: after)
        guard (try? check.consumeKeyword("endstream")) == true else {
            throw damaged("stream \(reference) does not end where its /Length says")
        }
        return PDFDocument.IndirectObject(reference: reference, value: value, streamData: start..<start + Int64(length))
    }

    private func damaged(_ detail: String) -> PDFError { .damaged(path: path, detail: detail) }
}
