extension PDFRevisionDiff {
    /// Pages may only gain annotations: widgets of the new signature fields, or other annotations (permitted only
    /// at DocMDP P=3). Their number, order, content, resources and every other entry must stay.
    mutating func comparePages() throws(PDFError) {
        let before = try PDFPageTree(old)
        let after = try PDFPageTree(new)
        guard before.pages == after.pages, before.nodes == after.nodes else {
            fail(.pageTree)
            return
        }
        if after.nodes.contains(where: modified.contains) {
            fail(.pageTree)
            return
        }
        for (index, page) in after.pages.enumerated() {
            let pageNumber = index + 1
            let dictionaryBefore = try old.object(page).value.dictionary ?? PDFDictionary()
            let dictionaryAfter = try new.object(page).value.dictionary ?? PDFDictionary()
            if modified.contains(page.number) {
                explained.insert(page.number)
                for key in Self.changedKeys(dictionaryBefore, dictionaryAfter) where key != "Annots" {
                    switch key {
                    case "Contents": fail(.pageContent(page: pageNumber))
                    case "Resources": fail(.pageResources(page: pageNumber))
                    default: fail(.page(page: pageNumber, key: key))
                    }
                    return
                }
            }
            try compareAnnotations(pageNumber, dictionaryBefore, dictionaryAfter)
            if problem != nil { return }
        }
    }

    private mutating func compareAnnotations(
        _ page: Int, _ before: PDFDictionary, _ after: PDFDictionary
    ) throws(PDFError) {
        let annotationsBefore = try old.resolve(before["Annots"]).array ?? []
        let annotationsAfter = try new.resolve(after["Annots"]).array ?? []
        markChanged(after["Annots"])
        if annotationsBefore.contains(where: { !annotationsAfter.contains($0) }) { annotated(page: page) }
        for annotation in annotationsAfter where !annotationsBefore.contains(annotation) {
            if let reference = annotation.reference, newSignatureWidgets.contains(reference.number) { continue }
            let dictionary = try new.resolve(annotation).dictionary
            if dictionary?["Subtype"]?.name == "Widget" {
                // A widget of a field that is not a new signature field: a form change, not an annotation.
                fail(.formField(name: dictionary?["T"]?.stringBytes.map(PDFSignatureVerifier.text) ?? "(widget)"))
                return
            }
            annotated(page: page)
            if let reference = annotation.reference, created.contains(reference.number) {
                explained.insert(reference.number)
            }
            try explainNew(dictionary.map { .dictionary($0) }, as: .annotations)
        }
        // Annotations (not widgets: their fields are compared as fields) changed in place, and their appearances.
        for annotation in annotationsBefore {
            guard let reference = annotation.reference,
                let dictionary = try old.object(reference).value.dictionary,
                dictionary["Subtype"]?.name != "Widget"
            else { continue }
            let changed = [reference.number] + PDFFormFieldTree.appearanceReferences(dictionary, in: old).sorted()
            for number in changed where modified.contains(number) && explained.insert(number).inserted {
                annotated(page: page)
                try explainNew(try new.object(PDFReference(number: number, generation: 0)).value, as: .annotations)
            }
        }
    }
}
