/// Parsing from a file offset with a read window that grows (4 KiB, ×4 each time) until the parse completes,
/// up to `limit` bytes.
enum PDFWindow {
    struct Parsed<Value> {
        let value: Value
        /// How many bytes from the offset the parse consumed.
        let consumed: Int
    }

    static func parse<Value>(
        reader: PDFFileReader,
        at offset: Int64,
        limit: Int,
        _ body: (inout PDFParser) throws(PDFParser.Failure) -> Value
    ) throws(PDFError) -> Parsed<Value> {
        var window = 4096
        while true {
            let bytes = try reader.read(at: offset, count: window)
            let atEnd = bytes.count < window
            // A newline after the end of the file lets the last token of a complete file terminate.
            var parser = PDFParser(bytes: atEnd ? bytes + [0x0A] : bytes)
            do {
                let value = try body(&parser)
                return Parsed(value: value, consumed: parser.position)
            } catch {
                switch error {
                case .truncated:
                    if atEnd {
                        throw .damaged(path: reader.path, detail: "an object at offset \(offset) runs past the end")
                    }
                    guard window < limit else {
                        throw .limitExceeded(
                            path: reader.path, detail: "an object at offset \(offset) is larger than \(limit) bytes")
                    }
                    window = min(limit, window * 4)
                case .tooDeep:
                    throw .limitExceeded(path: reader.path, detail: "an object at offset \(offset) nests too deeply")
                case .syntax(let detail):
                    throw .damaged(path: reader.path, detail: "syntax error at offset \(offset): \(detail)")
                }
            }
        }
    }
}
