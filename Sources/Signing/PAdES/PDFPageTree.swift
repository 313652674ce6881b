/// The pages of one revision in order, and the page tree nodes above them.
struct PDFPageTree {
    static let maxPages = 100_000

    private(set) var pages: [PDFReference] = []
    /// Object numbers of the intermediate `/Pages` nodes, the root first.
    private(set) var nodes: [Int] = []

    init(_ document: PDFDocument) throws(PDFError) {
        guard let root = try document.catalog()["Pages"]?.reference else {
            throw document.damaged("the catalog has no /Pages")
        }
        var seen: Set<Int> = []
        var pending: [(PDFReference, Int)] = [(root, 0)]
        while let (node, depth) = pending.popLast() {
            guard seen.insert(node.number).inserted else { throw document.damaged("the page tree contains a loop") }
            guard depth <= document.limits.maxDepth, pages.count + nodes.count < Self.maxPages else {
                throw .limitExceeded(path: document.path, detail: "the page tree is too large or too deep")
            }
            guard let dictionary = try document.object(node).value.dictionary else {
                throw document.damaged("page tree node \(node) is not a dictionary")
            }
            let kids = try document.resolve(dictionary["Kids"]).array
            if dictionary["Type"]?.name == "Page" || kids == nil {
                pages.append(node)
                continue
            }
            nodes.append(node.number)
            pending += (kids ?? []).reversed().compactMap { $0.reference.map { ($0, depth + 1) } }
        }
    }

    /// The objects a page's content and resources are drawn from (its `/Contents` streams, `/Resources` and the
    /// resources named in it), for telling which page a changed object belonged to.
    static func drawingReferences(_ page: PDFDictionary, in document: PDFDocument)
        -> (contents: Set<Int>, resources: Set<Int>)
    {
        var contents: Set<Int> = []
        if let value = page["Contents"] {
            PDFDocument.references(in: value, into: &contents)
            if let array = try? document.resolve(value).array {
                PDFDocument.references(in: .array(array), into: &contents)
            }
        }
        var resources: Set<Int> = []
        if let value = page["Resources"] {
            PDFDocument.references(in: value, into: &resources)
            if let dictionary = try? document.resolve(value).dictionary {
                for category in dictionary.entries {
                    PDFDocument.references(in: category.value, into: &resources)
                    if let named = try? document.resolve(category.value).dictionary {
                        PDFDocument.references(in: .dictionary(named), into: &resources)
                    }
                }
            }
        }
        return (contents, resources)
    }
}
