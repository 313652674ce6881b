extension PDFDocument {
    /// Whether object `number` is defined (not free, not missing) in this document or revision.
    func isInUse(_ number: Int) -> Bool {
        switch xref[number] {
        case .inFile?, .inObjectStream?: true
        case .free?, nil: false
        }
    }

    /// Whether object `number` reads the same here and in `other` (another revision of the same file): equal values
    /// and, for streams, equal raw data, compared in 64 KiB blocks.
    func isIdentical(_ number: Int, in other: PDFDocument) throws(PDFError) -> Bool {
        let reference = PDFReference(number: number, generation: 0)
        let mine = try object(reference)
        let theirs = try other.object(reference)
        guard mine.value.isEquivalent(to: theirs.value) else { return false }
        switch (mine.streamData, theirs.streamData) {
        case (nil, nil):
            return true
        case (let first?, let second?):
            guard first.count == second.count else { return false }
            var offset: Int64 = 0
            while offset < Int64(first.count) {
                let count = Int(min(65_536, Int64(first.count) - offset))
                guard
                    try reader.read(at: first.lowerBound + offset, count: count)
                        == other.reader.read(at: second.lowerBound + offset, count: count)
                else { return false }
                offset += Int64(count)
            }
            return true
        default:
            return false
        }
    }

    /// The object numbers that `value` refers to directly (not through the objects referred to).
    static func references(in value: PDFObject, into numbers: inout Set<Int>) {
        var pending = [value]
        while let next = pending.popLast() {
            switch next {
            case .reference(let reference): numbers.insert(reference.number)
            case .array(let items): pending += items
            case .dictionary(let dictionary): pending += dictionary.entries.map(\.value)
            default: break
            }
        }
    }

    /// `/Type`, else `/Subtype`, of the object, for messages.
    func typeName(_ number: Int) -> String? {
        guard let dictionary = try? object(PDFReference(number: number, generation: 0)).value.dictionary else {
            return nil
        }
        return dictionary["Type"]?.name ?? dictionary["Subtype"]?.name
    }

    /// Every object number that some defined object refers to without it being defined: a reference a later
    /// revision could fill in without changing any object of this one. Objects that cannot be parsed are skipped
    /// (no reader can follow their references either).
    func undefinedReferences(maxObjects: Int) throws(PDFError) -> Set<Int> {
        let defined = xref.filter { isInUse($0.key) }
        guard defined.count <= maxObjects else {
            throw .limitExceeded(path: path, detail: "more than \(maxObjects) objects to check for later changes")
        }
        // Objects in object streams are read stream by stream, so each stream is decoded once.
        let ordered = defined.sorted { first, second in
            switch (first.value, second.value) {
            case (.inObjectStream(let a, let i), .inObjectStream(let b, let j)): (a, i) < (b, j)
            case (.inFile, .inObjectStream): true
            case (.inObjectStream, .inFile): false
            default: first.key < second.key
            }
        }
        var referenced: Set<Int> = []
        for (number, _) in ordered {
            guard let value = try? object(PDFReference(number: number, generation: 0)).value else { continue }
            Self.references(in: value, into: &referenced)
        }
        return referenced.filter { !isInUse($0) }
    }
}
