/// Every form field and widget of one revision, by object number, walked from `/AcroForm /Fields` through `/Kids`.
struct PDFFormFieldTree {
    struct Node {
        /// The full name, `parent.child`; a widget without `/T` has its field's name.
        let name: String
        /// `/FT`, inherited from the parents.
        let type: String?
        let dictionary: PDFDictionary
        /// A widget annotation of its parent field, not a field of its own (no `/T`, below another field).
        let isWidgetOnly: Bool
        /// The parent field's number; nil at the root of the form.
        let parent: Int?
    }

    static let maxNodes = 100_000

    private(set) var nodes: [Int: Node] = [:]
    /// Object numbers in walking order.
    private(set) var order: [Int] = []

    init(_ document: PDFDocument) throws(PDFError) {
        guard let form = try document.resolve(document.catalog()["AcroForm"]).dictionary,
            let roots = try document.resolve(form["Fields"]).array
        else { return }
        var pending: [(PDFObject, String, String?, Int?, Int)] = roots.reversed().map { ($0, "", nil, nil, 0) }
        while let (object, prefix, inheritedType, parent, depth) = pending.popLast() {
            guard depth <= document.limits.maxDepth, nodes.count < Self.maxNodes else {
                throw .limitExceeded(path: document.path, detail: "the form field tree is too large or too deep")
            }
            // Fields are indirect objects (ISO 32000-2 12.7.4); a direct one cannot be told apart across revisions.
            guard let reference = object.reference, nodes[reference.number] == nil else { continue }
            guard let field = try document.resolve(object).dictionary else { continue }
            let partial = field["T"]?.stringBytes.map(PDFSignatureVerifier.text)
            let name = [prefix, partial ?? ""].filter { !$0.isEmpty }.joined(separator: ".")
            let type = field["FT"]?.name ?? inheritedType
            nodes[reference.number] = Node(
                name: name.isEmpty ? "(\(reference.number))" : name, type: type, dictionary: field,
                isWidgetOnly: parent != nil && partial == nil, parent: parent)
            order.append(reference.number)
            if let kids = try document.resolve(field["Kids"]).array {
                pending += kids.reversed().map { ($0, name, type, reference.number, depth + 1) }
            }
        }
    }

    /// The objects an annotation's appearance dictionary (`/AP`) refers to: the dictionary itself when indirect,
    /// its `/N`, `/R`, `/D` streams, and the streams of their appearance states.
    static func appearanceReferences(_ annotation: PDFDictionary, in document: PDFDocument) -> Set<Int> {
        var numbers: Set<Int> = []
        guard let appearance = annotation["AP"] else { return numbers }
        if let reference = appearance.reference { numbers.insert(reference.number) }
        guard let dictionary = try? document.resolve(appearance).dictionary else { return numbers }
        for key in ["N", "R", "D"] {
            guard let entry = dictionary[key] else { continue }
            if let reference = entry.reference { numbers.insert(reference.number) }
            if let states = try? document.resolve(entry).dictionary {
                for state in states.entries {
                    if let reference = state.value.reference { numbers.insert(reference.number) }
                }
            }
        }
        return numbers
    }

    /// Whether an annotation's `/Rect` has an area: a widget with a zero rectangle is an invisible signature.
    static func isVisible(_ annotation: PDFDictionary, in document: PDFDocument) -> Bool {
        guard let corners = try? document.resolve(annotation["Rect"]).array, corners.count == 4 else { return false }
        let numbers = corners.compactMap { (try? document.resolve($0))?.number }
        guard numbers.count == 4 else { return false }
        return abs(numbers[2] - numbers[0]) * abs(numbers[3] - numbers[1]) > 0
    }
}
