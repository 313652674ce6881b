extension PDFObject {
    /// Equal as a PDF reader sees it: numbers by value (`.1`, `0.1` and `0.10` are the same; so are `1` and
    /// `1.0`), everything else exactly. Producers that rewrite an object respell its numbers.
    func isEquivalent(to other: PDFObject) -> Bool {
        switch (self, other) {
        case (.integer, .real), (.real, .integer), (.real, .real):
            guard let first = number, let second = other.number else { return self == other }
            return first == second
        case (.array(let first), .array(let second)):
            return first.count == second.count && zip(first, second).allSatisfy { $0.isEquivalent(to: $1) }
        case (.dictionary(let first), .dictionary(let second)):
            return first.isEquivalent(to: second)
        default:
            return self == other
        }
    }

    /// An integer or real as a `Double`.
    var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let text): Double(text)
        default: nil
        }
    }
}

extension PDFDictionary {
    /// The same keys with equivalent values, in any order.
    func isEquivalent(to other: PDFDictionary) -> Bool {
        count == other.count && entries.allSatisfy { entry in other[entry.key].map(entry.value.isEquivalent) ?? false }
    }
}
