import SystemSupport

/// One pass of ``EdXMLReader`` over one file: walks the envelope and collects what it finds.
final class EdXMLParseSession {
    let tokenizer: XMLTokenizer
    let limits: EdXMLLimits
    /// nil when only the header is wanted.
    let attachmentDirectory: String?
    /// Set once everything wanted has been read; loops stop without reading further.
    var done = false
    var header = MessageHeaderFields()
    var sawMessageHeader = false
    var traces: [TraceHeader] = []
    var business: BusinessInfo?
    var references: [ManifestReference] = []
    var attachments: [ReceivedAttachment] = []
    var createdFiles: [String] = []
    /// The `fsync` of ``attachmentDirectory`` that makes the decoded files' names durable, left to the reader's caller.
    var syncs = DirectorySyncs()
    var totalAttachmentBytes: Int64 = 0
    private var notes: [String] = []

    init(path: String, limits: EdXMLLimits, attachmentDirectory: String?) throws(EdXMLError) {
        self.tokenizer = try XMLTokenizer(path: path, limits: limits.xml)
        self.limits = limits
        self.attachmentDirectory = attachmentDirectory
    }

    func run() throws(EdXMLError) -> EdXMLMessage {
        let root = try firstElement()
        if isEdXML(root, named: "edXML") {
            try forEachChild { child throws(EdXMLError) in
                if isEdXML(child, named: "edXMLEnvelope") {
                    try readEnvelope()
                } else if isEdXML(child, named: "AttachmentEncoded") {
                    try readAttachmentsOrStop()
                } else {
                    try tokenizer.skipElement()
                }
            }
        } else if isEdXML(root, named: "edXMLEnvelope") {
            notes.append("the message has no <edXML> root; its root is <\(root.qualifiedName)>, read as the envelope")
            try readEnvelope()
        } else {
            throw .notEdXML(
                "the root element is <\(root.qualifiedName)> in namespace '\(root.namespaceURI)'; expected <edXML> "
                    + "in \(EdXMLReader.namespace)")
        }
        guard sawMessageHeader else { throw .missingElement("edXMLEnvelope/edXMLHeader/MessageHeader") }
        linkReferences()
        return EdXMLMessage(
            header: try header.build(),
            traces: traces,
            business: business,
            references: references,
            attachments: attachments,
            warnings: tokenizer.warnings + notes)
    }

    private func firstElement() throws(EdXMLError) -> XMLName {
        while let event = try tokenizer.next() {
            if case .startElement(let name, _) = event { return name }
        }
        throw .notEdXML("the file contains no element")
    }

    private func readEnvelope() throws(EdXMLError) {
        try forEachChild { child throws(EdXMLError) in
            if isEdXML(child, named: "edXMLHeader") {
                try readEnvelopeHeader()
                if attachmentDirectory == nil { done = true }
            } else if isEdXML(child, named: "edXMLBody") {
                try readBody()
            } else if isEdXML(child, named: "AttachmentEncoded") {
                try readAttachmentsOrStop()
            } else {
                try tokenizer.skipElement()
            }
        }
    }

    private func readEnvelopeHeader() throws(EdXMLError) {
        try forEachChild { child throws(EdXMLError) in
            if isEdXML(child, named: "MessageHeader") {
                sawMessageHeader = true
                try readMessageHeader()
            } else if isEdXML(child, named: "TraceHeaderList") {
                try readTraceHeaderList()
            } else {
                try tokenizer.skipElement()
            }
        }
    }

    private func readBody() throws(EdXMLError) {
        try forEachChild { child throws(EdXMLError) in
            guard isEdXML(child, named: "edXMLManifest") else { return try tokenizer.skipElement() }
            try forEachChild { item throws(EdXMLError) in
                guard isEdXML(item, named: "Reference") else { return try tokenizer.skipElement() }
                try checkRoom(in: references, for: "Reference")
                var reference = ManifestReference()
                try forEachChild { field throws(EdXMLError) in
                    switch edXMLLocalName(field) {
                    case "ContentId": reference.contentId = try readText()
                    case "ContentType": reference.contentType = try readText()
                    case "Description": reference.description = try readText()
                    case "AttachmentName": reference.attachmentName = try readText()
                    default: try tokenizer.skipElement()
                    }
                }
                references.append(reference)
            }
        }
    }

    private func readAttachmentsOrStop() throws(EdXMLError) {
        guard attachmentDirectory != nil else {
            done = true
            return
        }
        try readAttachments()
    }

    /// Links each attachment to the manifest Reference with the same ContentId, `cid:` prefix or not.
    private func linkReferences() {
        for index in attachments.indices {
            guard let id = attachments[index].contentId.map(Self.normalizedContentId) else { continue }
            attachments[index].reference = references.first {
                $0.contentId.map(Self.normalizedContentId) == id
            }
        }
    }

    static func normalizedContentId(_ raw: String) -> String {
        var id = Substring(raw.trimmingWhitespace())
        if id.lowercased().hasPrefix("cid:") { id = id.dropFirst(4) }
        if id.hasPrefix("<") && id.hasSuffix(">") && id.count >= 2 { id = id.dropFirst().dropLast() }
        return String(id)
    }

    func removeCreatedFiles() {
        for path in createdFiles { try? Directories.removeTree(path) }
        createdFiles.removeAll()
    }

    // MARK: Walking

    /// Whether `name` is the edXML element `localName`; see ``edXMLLocalName(_:)``.
    func isEdXML(_ name: XMLName, named localName: String) -> Bool {
        edXMLLocalName(name) == localName
    }

    /// The local name of an edXML element: one in the QCVN namespace or in no namespace (sloppy senders),
    /// including a name whose `edXML:` prefix was not declared where it is used (VNPT's `edoc.edxml` uses the
    /// prefix outside the element that declares it). nil for an element in another namespace.
    func edXMLLocalName(_ name: XMLName) -> String? {
        if name.namespaceURI == EdXMLReader.namespace { return name.localName }
        guard name.namespaceURI.isEmpty else { return nil }
        if name.localName.hasPrefix("edXML:") { return String(name.localName.dropFirst("edXML:".count)) }
        return name.localName.contains(":") ? nil : name.localName
    }

    /// Calls `body` for each child element of the element just opened; `body` must consume the child
    /// entirely. Text between children is ignored. Returns after the element's end tag, or at once when
    /// the session is done.
    func forEachChild(_ body: (XMLName) throws(EdXMLError) -> Void) throws(EdXMLError) {
        while !done {
            guard let event = try tokenizer.next() else {
                throw .unexpectedEndOfInput(context: "inside an element", at: tokenizer.position)
            }
            switch event {
            case .startElement(let name, _): try body(name)
            case .endElement: return
            case .text: continue
            }
        }
    }

    /// Fails when `list` already holds as many items as ``EdXMLLimits/maxRepeatedElements``.
    func checkRoom<T>(in list: [T], for element: String) throws(EdXMLError) {
        guard list.count < limits.maxRepeatedElements else {
            throw .tooManyElements(element, limit: limits.maxRepeatedElements)
        }
    }

    /// The text of the element just opened, trimmed; child elements inside it are skipped. The text is
    /// bounded by ``XMLTokenizerLimits/maxTextBytes`` even when split by child elements or comments.
    func readText() throws(EdXMLError) -> String {
        let position = tokenizer.position
        let element = tokenizer.currentElement?.qualifiedName ?? "?"
        var text = ""
        while let event = try tokenizer.next() {
            switch event {
            case .text(let piece):
                text += piece
                if text.utf8.count > limits.xml.maxTextBytes {
                    throw .textTooLarge(element: element, limit: limits.xml.maxTextBytes, at: position)
                }
            case .startElement: try tokenizer.skipElement()
            case .endElement: return text.trimmingWhitespace()
            }
        }
        throw .unexpectedEndOfInput(context: "inside an element", at: tokenizer.position)
    }

    /// Consumes the rest of the element just opened, whatever it contains.
    func finishElement() throws(EdXMLError) {
        while let event = try tokenizer.next() {
            switch event {
            case .startElement: try tokenizer.skipElement()
            case .endElement: return
            case .text: continue
            }
        }
        throw .unexpectedEndOfInput(context: "inside an element", at: tokenizer.position)
    }
}
