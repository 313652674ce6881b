extension PDFRevisionDiff {
    /// The interactive form may gain signature fields (appended to `/Fields`), fill empty signature fields, and
    /// have values and appearances of existing fields filled in; no field may disappear or change otherwise.
    mutating func compareForm() throws(PDFError) {
        let formBefore = try old.resolve(old.catalog()["AcroForm"]).dictionary ?? PDFDictionary()
        let formAfterValue = try new.catalog()["AcroForm"]
        let formAfter = try new.resolve(formAfterValue).dictionary ?? PDFDictionary()
        markChanged(formAfterValue)
        for key in Self.changedKeys(formBefore, formAfter) {
            switch key {
            case "Fields", "SigFlags":
                continue
            case "DR", "DA", "NeedAppearances":
                kinds.insert(.formFilling)
                try explainNew(formAfter[key], as: .formFilling)
            default:
                fail(.catalog(key: "AcroForm/\(key)"))
                return
            }
        }
        let fieldsBefore = try old.resolve(formBefore["Fields"]).array ?? []
        let fieldsAfter = try new.resolve(formAfter["Fields"]).array ?? []
        markChanged(formAfter["Fields"])
        guard fieldsAfter.starts(with: fieldsBefore) else {
            fail(.formField(name: "/Fields"))
            return
        }

        let before = try PDFFormFieldTree(old)
        let after = try PDFFormFieldTree(new)
        if let removed = before.order.first(where: { after.nodes[$0] == nil }) {
            fail(.formField(name: before.nodes[removed]?.name ?? "\(removed)"))
            return
        }
        for number in after.order {
            guard let node = after.nodes[number], problem == nil else { return }
            if let previous = before.nodes[number] {
                try compareField(number, node, previous)
            } else {
                try acceptNewField(number, node)
            }
        }
    }

    /// A new node must be a signature field (or a widget of one) created in this revision.
    private mutating func acceptNewField(_ number: Int, _ node: PDFFormFieldTree.Node) throws(PDFError) {
        let parentIsNew = node.parent.map { newSignatureWidgets.contains($0) } ?? true
        guard created.contains(number), node.type == "Sig", !node.isWidgetOnly || parentIsNew else {
            fail(.formField(name: node.name))
            return
        }
        explained.insert(number)
        newSignatureWidgets.insert(number)
        if PDFFormFieldTree.isVisible(node.dictionary, in: new) { addsVisibleSignatureField = true }
        if node.dictionary["V"] != nil {
            try acceptSignatureValue(node)
        } else {
            kinds.insert(.signature)
        }
        var rest = node.dictionary
        rest["Kids"] = nil
        try explainNew(.dictionary(rest), as: .signature)
    }

    /// An existing field may change its value (a signature field only from empty), its appearance, its flags
    /// (`/Ff`, e.g. read-only) and, for buttons, its appearance state; appearance streams and values may also be
    /// rewritten in place.
    private mutating func compareField(
        _ number: Int, _ node: PDFFormFieldTree.Node, _ previous: PDFFormFieldTree.Node
    ) throws(PDFError) {
        let isSignature = node.type == "Sig"
        let kind: PDFPermittedChange = isSignature ? .signature : .formFilling
        if modified.contains(number) {
            explained.insert(number)
            for key in Self.changedKeys(previous.dictionary, node.dictionary) {
                switch key {
                case "V" where isSignature && previous.dictionary["V"] == nil && !node.isWidgetOnly:
                    try acceptSignatureValue(node)
                case "V" where !isSignature, "AS" where !isSignature, "AP", "Ff":
                    kinds.insert(kind)
                    try explainNew(node.dictionary[key], as: kind)
                default:
                    fail(.formField(name: node.name))
                    return
                }
            }
        }
        var inPlace = PDFFormFieldTree.appearanceReferences(previous.dictionary, in: old)
        if !isSignature, let value = previous.dictionary["V"] { PDFDocument.references(in: value, into: &inPlace) }
        for rewritten in inPlace.sorted() where modified.contains(rewritten) {
            guard explained.insert(rewritten).inserted else { continue }
            kinds.insert(kind)
            try explainNew(try new.object(PDFReference(number: rewritten, generation: 0)).value, as: kind)
        }
    }

    /// A signature field's new `/V`: a new signature dictionary, or a document timestamp.
    private mutating func acceptSignatureValue(_ node: PDFFormFieldTree.Node) throws(PDFError) {
        let value = node.dictionary["V"]
        guard let signature = try new.resolve(value).dictionary,
            value?.reference.map({ created.contains($0.number) }) ?? true
        else {
            fail(.formField(name: node.name))
            return
        }
        let kind: PDFPermittedChange =
            try new.resolve(signature["Type"]).name == "DocTimeStamp" ? .documentTimestamp : .signature
        kinds.insert(kind)
        try explainNew(value, as: kind)
    }

    /// Marks an indirect container (the form, its field list, a page's annotation list) that this revision
    /// redefined as explained: its content is compared by the caller.
    mutating func markChanged(_ value: PDFObject?) {
        guard let number = value?.reference?.number else { return }
        if created.contains(number) || modified.contains(number) { explained.insert(number) }
    }
}
