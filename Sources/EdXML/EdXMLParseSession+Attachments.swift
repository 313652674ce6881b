import SystemSupport

extension EdXMLParseSession {
    /// Size of the text chunks pulled from the tokenizer while decoding an attachment.
    static let attachmentChunkSize = 64 * 1024

    func readAttachments() throws(EdXMLError) {
        try forEachChild { child throws(EdXMLError) in
            guard edXMLLocalName(child) == "Attachment" else { return try tokenizer.skipElement() }
            try readAttachment()
        }
    }

    private func readAttachment() throws(EdXMLError) {
        let index = attachments.count + 1
        guard index <= limits.maxAttachmentCount else { throw .tooManyAttachments(limit: limits.maxAttachmentCount) }
        var contentId: String?
        var name: String?
        var contentType: String?
        var description: String?
        var decoded: (path: String, size: Int64)?
        try forEachChild { field throws(EdXMLError) in
            switch edXMLLocalName(field) {
            case "ContentId": contentId = try readText()
            case "AttachmentName": name = try readText()
            case "ContentType": contentType = try readText()
            case "Description": description = try readText()
            case "ContentTransferEncoded":
                let label = name ?? contentId ?? "number \(index)"
                guard decoded == nil else {
                    throw .notEdXML("attachment '\(label)' has more than one ContentTransferEncoded element")
                }
                decoded = try decodeContent(index: index, label: label)
            default:
                try tokenizer.skipElement()
            }
        }
        guard let decoded else {
            throw .missingElement("ContentTransferEncoded in attachment '\(name ?? contentId ?? "number \(index)")'")
        }
        attachments.append(
            ReceivedAttachment(
                index: index, contentId: contentId, attachmentName: name, contentType: contentType,
                description: description, filePath: decoded.path, byteSize: decoded.size, reference: nil))
    }

    /// Decodes the base64 text of the element just opened straight into `attachment-<index>.bin`, written durably
    /// (it appears whole or not at all; an existing file is never overwritten; its directory's `fsync` goes to
    /// ``syncs``).
    private func decodeContent(index: Int, label: String) throws(EdXMLError) -> (path: String, size: Int64) {
        guard let directory = attachmentDirectory else { throw .invalidArgument("no attachment directory") }
        let contentPosition = tokenizer.position
        let path = (directory.hasSuffix("/") ? directory : directory + "/") + "attachment-\(index).bin"
        let size = try DurableOutput.write(to: path, syncs: &syncs) { file throws(EdXMLError) -> Int64 in
            var decoder = Base64StreamDecoder()
            var output: [UInt8] = []
            output.reserveCapacity(Self.attachmentChunkSize)
            while let chunk = try tokenizer.readTextChunk(maxBytes: Self.attachmentChunkSize) {
                do throws(Base64StreamDecoder.Failure) {
                    try decoder.decode(chunk, into: &output)
                } catch {
                    throw EdXMLError.invalidBase64(attachment: label, detail: error.description, at: contentPosition)
                }
                try write(&output, to: file, label: label)
            }
            do throws(Base64StreamDecoder.Failure) {
                try decoder.finish(into: &output)
            } catch {
                throw EdXMLError.invalidBase64(attachment: label, detail: error.description, at: contentPosition)
            }
            try write(&output, to: file, label: label)
            return file.bytesWritten
        }
        createdFiles.append(path)
        try finishElement()
        return (path, size)
    }

    private func write(_ output: inout [UInt8], to file: DurableFileWriter, label: String) throws(EdXMLError) {
        guard !output.isEmpty else { return }
        let count = Int64(output.count)
        guard file.bytesWritten + count <= limits.maxAttachmentBytes else {
            throw .attachmentTooLarge(attachment: label, limit: limits.maxAttachmentBytes)
        }
        guard totalAttachmentBytes + count <= limits.maxTotalAttachmentBytes else {
            throw .attachmentsTooLarge(limit: limits.maxTotalAttachmentBytes)
        }
        totalAttachmentBytes += count
        try DurableOutput.append(output, to: file)
        output.removeAll(keepingCapacity: true)
    }
}
