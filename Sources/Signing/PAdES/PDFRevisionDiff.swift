/// What one incremental update changed, object by object, against the revision before it.
///
/// The update's cross-reference section lists the objects it defines (``created``) or redefines (``modified``).
/// Each redefined object must be explained by a permitted change, checked by comparing its old and new values:
/// the catalog gaining `/DSS` or an `/AcroForm` entry, the form's `/Fields` gaining fields, a page's `/Annots`
/// gaining widgets or annotations, a field's value or appearance. New objects are explained by being reachable
/// from such a change (a new signature field's widget, appearance stream and fonts, the DSS streams); new objects
/// nothing refers to are ignored, unless the previous revision already referred to their number (a reference left
/// dangling on purpose, filled in after signing). Whatever is left unexplained is a ``problem``.
///
/// Not judged here: whether a permitted kind is permitted for a given signature (see ``ModificationAnalysis``).
struct PDFRevisionDiff {
    /// The permitted kinds of change found.
    var kinds: Set<PDFPermittedChange> = []
    /// The first change found that no permitted kind explains.
    private(set) var problem: PDFChangeProblem?
    /// A signature field or widget with a nonzero `/Rect` was created.
    var addsVisibleSignatureField = false
    /// The first page whose annotations changed, for messages.
    private(set) var annotatedPage: Int?
    /// Object numbers referred to but not defined after this revision, to carry to the next one.
    private(set) var undefinedReferences: Set<Int> = []

    /// Objects one revision may define; beyond, the revision is not analysed.
    static let maxChangedObjects = 20_000
    /// Objects visited while explaining new objects.
    static let maxVisited = 200_000

    let old: PDFDocument
    let new: PDFDocument
    var created: Set<Int> = []
    var modified: Set<Int> = []
    var explained: Set<Int> = []
    /// Created signature fields and their widgets: the only widgets a page may gain.
    var newSignatureWidgets: Set<Int> = []
    private var visited = 0

    init(old: PDFDocument, new: PDFDocument, section: PDFXrefSection, undefinedInOld: Set<Int>) throws(PDFError) {
        self.old = old
        self.new = new
        try sortEntries(section)
        if problem == nil { try compareCatalog() }
        if problem == nil { try compareForm() }
        if problem == nil { try comparePages() }
        if problem == nil { try explainMetadataAndValidationData() }
        if problem == nil { try reportUnexplained(undefinedInOld) }
        var references = undefinedInOld
        for number in created.union(modified) {
            PDFDocument.references(
                in: try new.object(PDFReference(number: number, generation: 0)).value, into: &references)
        }
        undefinedReferences = references.filter { !new.isInUse($0) }
    }

    mutating func fail(_ found: PDFChangeProblem) {
        if problem == nil { problem = found }
    }

    mutating func annotated(page: Int) {
        kinds.insert(.annotations)
        if annotatedPage == nil { annotatedPage = page }
    }

    /// Splits the section's entries into new and redefined objects; a freed object that existed is a deletion.
    private mutating func sortEntries(_ section: PDFXrefSection) throws(PDFError) {
        guard section.entries.count <= Self.maxChangedObjects else {
            throw .limitExceeded(
                path: new.path, detail: "an incremental update defines more than \(Self.maxChangedObjects) objects")
        }
        // The cross-reference streams are listed in their own sections; they are not objects of the document.
        var containers: Set<Int64> = [section.offset]
        if let hidden = section.trailer["XRefStm"]?.integer { containers.insert(Int64(hidden)) }
        for (number, entry) in section.entries.sorted(by: { $0.key < $1.key }) where number != 0 {
            switch entry {
            case .free:
                if old.isInUse(number) { fail(.objectDeleted(number: number)) }
            case .inFile(let offset, _) where containers.contains(offset):
                continue
            case .inFile, .inObjectStream:
                if old.isInUse(number) { modified.insert(number) } else { created.insert(number) }
            }
        }
        for number in modified where try new.isIdentical(number, in: old) { modified.remove(number) }
        // An object stream defined now must not hold objects the old cross-reference data already pointed into.
        for case .inObjectStream(let stream, _) in old.xref.values where created.contains(stream) {
            fail(.object(number: stream, type: "ObjStm"))
        }
    }

    /// The catalog may gain or change `/AcroForm` (checked by ``compareForm()``), `/DSS`, `/Extensions`,
    /// `/Metadata`, `/MarkInfo` and `/Version` (as pyHanko allows); any other entry is a change to the document.
    private mutating func compareCatalog() throws(PDFError) {
        guard let root = new.catalogReference, root == old.catalogReference else {
            fail(.catalog(key: "Root"))
            return
        }
        guard modified.contains(root.number) else { return }
        explained.insert(root.number)
        let before = try old.catalog()
        let after = try new.catalog()
        for key in Self.changedKeys(before, after) {
            switch key {
            case "AcroForm":
                continue
            case "DSS", "Extensions":
                kinds.insert(.validationData)
                try explainNew(after[key], as: .validationData)
            case "Metadata", "MarkInfo", "Version":
                kinds.insert(.metadata)
                try explainNew(after[key], as: .metadata)
            default:
                fail(.catalog(key: key))
                return
            }
        }
    }

    /// The document information dictionary and the XMP metadata stream may be rewritten; so may any object of the
    /// signed revision's DSS that no page draws from.
    private mutating func explainMetadataAndValidationData() throws(PDFError) {
        var metadata: [Int] = []
        if let info = new.trailer["Info"]?.reference { metadata.append(info.number) }
        if let xmp = try new.catalog()["Metadata"]?.reference { metadata.append(xmp.number) }
        for number in metadata where created.contains(number) || modified.contains(number) {
            explained.insert(number)
            kinds.insert(.metadata)
            try explainNew(try new.object(PDFReference(number: number, generation: 0)).value, as: .metadata)
        }
        guard let dss = try old.catalog()["DSS"], !modified.subtracting(explained).isEmpty else { return }
        var drawn: Set<Int> = []
        for page in try PDFPageTree(old).pages {
            let dictionary = try old.object(page).value.dictionary ?? PDFDictionary()
            let references = PDFPageTree.drawingReferences(dictionary, in: old)
            drawn.formUnion(references.contents.union(references.resources))
        }
        for number in try reachable(from: dss, in: old) where modified.contains(number) && !drawn.contains(number) {
            guard explained.insert(number).inserted else { continue }
            kinds.insert(.validationData)
            try explainNew(try new.object(PDFReference(number: number, generation: 0)).value, as: .validationData)
        }
    }

    /// Every redefined object must have been explained; a new object may not fill a dangling reference.
    private mutating func reportUnexplained(_ undefinedInOld: Set<Int>) throws(PDFError) {
        let unexplained = modified.subtracting(explained).sorted()
        if let number = unexplained.first {
            fail(try describe(number))
            return
        }
        if let number = created.intersection(undefinedInOld).sorted().first {
            fail(.object(number: number, type: new.typeName(number)))
        }
    }

    /// The most telling problem for a redefined object nothing explains: a page's content or resources if a page
    /// draws from it.
    private func describe(_ number: Int) throws(PDFError) -> PDFChangeProblem {
        for (index, page) in try PDFPageTree(old).pages.enumerated() {
            let dictionary = try old.object(page).value.dictionary ?? PDFDictionary()
            let references = PDFPageTree.drawingReferences(dictionary, in: old)
            if references.contents.contains(number) { return .pageContent(page: index + 1) }
            if references.resources.contains(number) { return .pageResources(page: index + 1) }
        }
        return .object(number: number, type: old.typeName(number))
    }

    /// Marks the new objects reachable from `value` through other new objects as explained by `kind`.
    mutating func explainNew(_ value: PDFObject?, as kind: PDFPermittedChange) throws(PDFError) {
        var pending: [PDFObject] = value.map { [$0] } ?? []
        while let next = pending.popLast() {
            switch next {
            case .reference(let reference):
                guard created.contains(reference.number), explained.insert(reference.number).inserted else { continue }
                try count()
                kinds.insert(kind)
                pending.append(try new.object(reference).value)
            case .array(let items): pending += items
            case .dictionary(let dictionary): pending += dictionary.entries.map(\.value)
            default: break
            }
        }
    }

    /// The objects reachable from `value` in `document`, bounded.
    private mutating func reachable(from value: PDFObject, in document: PDFDocument) throws(PDFError) -> Set<Int> {
        var found: Set<Int> = []
        var pending = [value]
        while let next = pending.popLast() {
            switch next {
            case .reference(let reference):
                guard found.insert(reference.number).inserted else { continue }
                try count()
                pending.append(try document.object(reference).value)
            case .array(let items): pending += items
            case .dictionary(let dictionary): pending += dictionary.entries.map(\.value)
            default: break
            }
        }
        return found
    }

    private mutating func count() throws(PDFError) {
        visited += 1
        guard visited <= Self.maxVisited else {
            throw .limitExceeded(path: new.path, detail: "an incremental update refers to too many objects")
        }
    }

    /// The keys whose values differ between two dictionaries, in a stable order.
    static func changedKeys(_ before: PDFDictionary, _ after: PDFDictionary) -> [String] {
        let keys = Set(before.entries.map(\.key)).union(after.entries.map(\.key))
        return keys.filter { key in
            guard let first = before[key], let second = after[key] else { return true }
            return !first.isEquivalent(to: second)
        }.sorted()
    }
}
