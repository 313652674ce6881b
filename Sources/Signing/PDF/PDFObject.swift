/// An indirect object's identity: `12 0 R`.
struct PDFReference: Hashable, Sendable, CustomStringConvertible {
    let number: Int
    let generation: Int

    var description: String { "\(number) \(generation) R" }
}

/// One PDF value as parsed from the file (ISO 32000-1 section 7.3).
///
/// Names keep their decoded bytes as ISO 8859-1 scalars so that serialising them again gives the same bytes;
/// reals keep their source text so that a rewritten dictionary does not change a number's spelling.
indirect enum PDFObject: Sendable, Equatable {
    case null
    case boolean(Bool)
    case integer(Int)
    case real(String)
    case string([UInt8])
    case name(String)
    case array([PDFObject])
    case dictionary(PDFDictionary)
    case reference(PDFReference)

    var integer: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    var name: String? {
        if case .name(let value) = self { return value }
        return nil
    }

    var reference: PDFReference? {
        if case .reference(let value) = self { return value }
        return nil
    }

    var dictionary: PDFDictionary? {
        if case .dictionary(let value) = self { return value }
        return nil
    }

    var array: [PDFObject]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var stringBytes: [UInt8]? {
        if case .string(let value) = self { return value }
        return nil
    }
}

/// A PDF dictionary that keeps its keys in file order, so that a new revision of an object reads like the old one.
struct PDFDictionary: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        let key: String
        var value: PDFObject
    }

    private(set) var entries: [Entry] = []

    init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    subscript(key: String) -> PDFObject? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
            }
        }
    }

    var count: Int { entries.count }
}
