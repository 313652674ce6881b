extension PDFIncrementalUpdate {
    /// Accumulates the update's objects and remembers each one's offset in the final file.
    struct Writer {
        let base: Int64
        var bytes: [UInt8] = []
        var offsets: [(reference: PDFReference, offset: Int64)] = []

        init(base: Int64, needsLeadingNewline: Bool) {
            self.base = base
            if needsLeadingNewline { bytes.append(0x0A) }
        }

        /// Appends `N G obj … endobj` and returns where `body` starts within ``bytes``.
        mutating func append(_ reference: PDFReference, body: [UInt8]) -> Int {
            offsets.append((reference, base + Int64(bytes.count)))
            bytes += Array("\(reference.number) \(reference.generation) obj\n".utf8)
            let start = bytes.count
            bytes += body
            bytes += Array("\nendobj\n".utf8)
            return start
        }

        /// Consecutive object numbers grouped as `(first, count)`.
        private func subsections(_ numbers: [Int]) -> [(Int, Int)] {
            var result: [(Int, Int)] = []
            for number in numbers.sorted() {
                if let last = result.last, last.0 + last.1 == number {
                    result[result.count - 1].1 += 1
                } else {
                    result.append((number, 1))
                }
            }
            return result
        }

        mutating func appendXrefTable(size: Int, trailer: PDFDictionary) {
            let start = base + Int64(bytes.count)
            let byNumber = Dictionary(offsets.map { ($0.reference.number, $0) }, uniquingKeysWith: { $1 })
            bytes += Array("xref\n".utf8)
            for (first, count) in subsections(Array(byNumber.keys)) {
                bytes += Array("\(first) \(count)\n".utf8)
                for number in first..<first + count {
                    guard let entry = byNumber[number] else { continue }
                    let offset = String(entry.offset)
                    let generation = String(entry.reference.generation)
                    let line =
                        String(repeating: "0", count: max(0, 10 - offset.count)) + offset + " "
                        + String(repeating: "0", count: max(0, 5 - generation.count)) + generation + " n\r\n"
                    bytes += Array(line.utf8)
                }
            }
            var trailer = trailer
            trailer["Size"] = .integer(size)
            bytes += Array("trailer\n".utf8) + PDFObject.dictionary(trailer).serialized
            bytes += Array("\nstartxref\n\(start)\n%%EOF\n".utf8)
        }

        /// An uncompressed cross-reference stream (object `number`), listing itself too.
        mutating func appendXrefStream(number: Int, trailer: PDFDictionary) {
            let start = base + Int64(bytes.count)
            let reference = PDFReference(number: number, generation: 0)
            offsets.append((reference, start))
            let byNumber = Dictionary(offsets.map { ($0.reference.number, $0) }, uniquingKeysWith: { $1 })
            var offsetWidth = 4
            while offsetWidth < 8, start >= Int64(1) << (8 * offsetWidth) { offsetWidth += 1 }
            var data: [UInt8] = []
            var index: [PDFObject] = []
            for (first, count) in subsections(Array(byNumber.keys)) {
                index += [.integer(first), .integer(count)]
                for objectNumber in first..<first + count {
                    guard let entry = byNumber[objectNumber] else { continue }
                    data.append(1)
                    for shift in stride(from: 8 * (offsetWidth - 1), through: 0, by: -8) {
                        data.append(UInt8(truncatingIfNeeded: entry.offset >> Int64(shift)))
                    }
                    data += [
                        UInt8(truncatingIfNeeded: entry.reference.generation >> 8),
                        UInt8(truncatingIfNeeded: entry.reference.generation),
                    ]
                }
            }
            var dictionary = PDFDictionary()
            dictionary["Type"] = .name("XRef")
            dictionary["Size"] = .integer(number + 1)
            dictionary["W"] = .array([.integer(1), .integer(offsetWidth), .integer(2)])
            dictionary["Index"] = .array(index)
            for entry in trailer.entries { dictionary[entry.key] = entry.value }
            dictionary["Length"] = .integer(data.count)
            bytes += Array("\(number) 0 obj\n".utf8) + PDFObject.dictionary(dictionary).serialized
            bytes += Array("\nstream\r\n".utf8) + data + Array("\r\nendstream\nendobj\n".utf8)
            bytes += Array("startxref\n\(start)\n%%EOF\n".utf8)
        }
    }
}
