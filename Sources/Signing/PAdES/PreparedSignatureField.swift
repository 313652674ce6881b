/// An empty, visible signature field on page 1 that the document's author prepared: on a certified document the
/// agency's box goes there, because filling a prepared field is form filling (permitted by DocMDP P=2 and P=3)
/// while creating a new visible field is not (see ``PAdESOptions/visibleBox``).
struct PreparedSignatureField {
    let reference: PDFReference
    let name: String
    /// The field (merged with its widget) as it is now.
    let dictionary: PDFDictionary
    /// Its `/Rect`, normalised, in user space.
    let rectangle: PageGeometry.Rectangle

    /// The first such field in form order, or nil. Fields with separate widgets (`/Kids`) are not used.
    static func find(in document: PDFDocument, page: (reference: PDFReference, dictionary: PDFDictionary))
        throws(PDFError) -> PreparedSignatureField?
    {
        let tree = try PDFFormFieldTree(document)
        let annotations = try document.resolve(page.dictionary["Annots"]).array ?? []
        for number in tree.order {
            guard let node = tree.nodes[number], node.type == "Sig", !node.isWidgetOnly,
                node.dictionary["V"] == nil, node.dictionary["Kids"] == nil,
                PDFFormFieldTree.isVisible(node.dictionary, in: document),
                node.dictionary["P"]?.reference == page.reference
                    || annotations.contains(where: { $0.reference?.number == number }),
                let corners = try document.resolve(node.dictionary["Rect"]).array?.compactMap({
                    (try? document.resolve($0))?.number
                }),
                corners.count == 4
            else { continue }
            let generation: Int
            switch document.xref[number] {
            case .inFile(_, let found)?: generation = found
            default: generation = 0
            }
            return PreparedSignatureField(
                reference: PDFReference(number: number, generation: generation), name: node.name,
                dictionary: node.dictionary,
                rectangle: PageGeometry.Rectangle(
                    left: min(corners[0], corners[2]), bottom: min(corners[1], corners[3]),
                    right: max(corners[0], corners[2]), top: max(corners[1], corners[3])))
        }
        return nil
    }
}
