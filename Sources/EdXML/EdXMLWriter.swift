import CryptoPrimitives
import Foundation
import SystemSupport

/// Writes edXML messages in the layout of axis-protocol.md section 4, like VNPT's samples: a root `edXML`
/// with the QCVN default namespace, an `edXML:`-prefixed envelope, `cid:` ContentIds, and
/// `AttachmentEncoded` after the envelope with each attachment base64-encoded on one line.
///
/// Output is streamed (attachments are encoded chunk by chunk from their files) through a `DurableFileWriter`
/// (mode 0600): after a crash the destination holds the whole message or nothing, and an existing destination is
/// ``EdXMLError/destinationExists(path:)``, never overwritten. Text is written as given (no Unicode
/// normalisation); optional fields that are nil are left out, "" is written as an empty element. No `Signature`
/// element is written: it is not verified in practice and cannot survive the axis's re-serialisation (section 4).
public struct EdXMLWriter: Sendable {
    /// Bytes of source read per base64 chunk; a multiple of 3 so chunks concatenate without padding.
    static let encodeChunkSize = 48 * 1024

    public init() {}

    /// Writes a document message. When `business` is nil a `Bussiness` block for a new document
    /// (`BussinessDocType` 0) is written, with the header's DocumentId. Returns the SHA-256 of the bytes written
    /// (the file's, computed as it was written).
    @discardableResult
    public func writeDocument(
        header: DocumentHeader,
        traces: [TraceHeader],
        business: BusinessInfo?,
        attachments: [OutgoingAttachment],
        to path: String
    ) throws(EdXMLError) -> Digest {
        try DurableOutput.syncingAfterwards(naming: path) { syncs throws(EdXMLError) in
            try writeDocument(
                header: header, traces: traces, business: business, attachments: attachments, to: path, syncs: &syncs)
        }
    }

    /// ``writeDocument(header:traces:business:attachments:to:)`` whose `fsync` of the directory is added to
    /// `syncs`: the message's bytes are durable when it returns, its name only after `syncs.sync()` (the outbound
    /// pipeline syncs a document's spool folder once for its signed files and its envelope).
    @discardableResult
    public func writeDocument(
        header: DocumentHeader,
        traces: [TraceHeader],
        business: BusinessInfo?,
        attachments: [OutgoingAttachment],
        to path: String,
        syncs: inout DirectorySyncs
    ) throws(EdXMLError) -> Digest {
        let contentIds = attachments.map { EdXMLParseSession.normalizedContentId($0.contentId) }
        guard Set(contentIds).count == contentIds.count, !contentIds.contains("") else {
            throw .invalidArgument("attachment ContentIds must be unique and non-empty")
        }
        return try write(to: path, syncs: &syncs) { output throws(EdXMLError) in
            try output.open("edXML:edXMLHeader")
            try writeMessageHeader(header, to: output)
            try writeTraceHeaderList(
                traces, business: business ?? .newDocument(documentId: header.documentId),
                to: output)
            try output.close("edXML:edXMLHeader")
            try output.open("edXML:edXMLBody")
            try output.open("edXML:edXMLManifest", attributes: " version=\"1.0\"")
            for (attachment, id) in zip(attachments, contentIds) {
                try output.open("edXML:Reference")
                try output.element("edXML:ContentId", "cid:" + id)
                try output.element("edXML:ContentType", attachment.contentType)
                try output.element("edXML:Description", attachment.description)
                try output.element("edXML:AttachmentName", attachment.name)
                try output.close("edXML:Reference")
            }
            try output.close("edXML:edXMLManifest")
            try output.close("edXML:edXMLBody")
        } afterEnvelope: { output throws(EdXMLError) in
            guard !attachments.isEmpty else { return }
            try output.open("AttachmentEncoded")
            for (attachment, id) in zip(attachments, contentIds) {
                try output.open("Attachment")
                try output.element("ContentId", "cid:" + id)
                try output.element("AttachmentName", attachment.name)
                try output.element("Description", attachment.description)
                try output.element("ContentType", attachment.contentType)
                try output.startLine("<edXML:ContentTransferEncoded xmlns:edXML=\"\(EdXMLReader.namespace)\">")
                try encode(file: attachment.sourcePath, into: output)
                try output.raw("</edXML:ContentTransferEncoded>\n")
                try output.close("Attachment")
            }
            try output.close("AttachmentEncoded")
        }
    }

    /// Writes a status message (section 6): the envelope header only, no body and no attachments.
    /// A TraceHeaderList is written only when `traces` is not empty. Returns the SHA-256 of the bytes written.
    @discardableResult
    public func writeStatus(
        header: StatusHeader, traces: [TraceHeader] = [], to path: String
    ) throws(EdXMLError) -> Digest {
        try write(to: path) { output throws(EdXMLError) in
            try writeStatusEnvelope(header: header, traces: traces, to: output)
        } afterEnvelope: { _ throws(EdXMLError) in
        }
    }

    /// The status message ``writeStatus(header:traces:to:)`` would write, in memory: for a message sent once and not
    /// kept (a few kilobytes), which needs no file created, synced and removed.
    public func statusMessage(header: StatusHeader, traces: [TraceHeader] = []) throws(EdXMLError) -> [UInt8] {
        let output = XMLOutput()
        try compose(into: output) { output throws(EdXMLError) in
            try writeStatusEnvelope(header: header, traces: traces, to: output)
        } afterEnvelope: { _ throws(EdXMLError) in
        }
        return output.bytes
    }

    private func writeStatusEnvelope(
        header: StatusHeader, traces: [TraceHeader], to output: XMLOutput
    ) throws(EdXMLError) {
        try output.open("edXML:edXMLHeader")
        try writeStatusHeader(header, to: output)
        if !traces.isEmpty { try writeTraceHeaderList(traces, business: nil, to: output) }
        try output.close("edXML:edXMLHeader")
    }

    private func write(
        to path: String,
        envelope: (XMLOutput) throws(EdXMLError) -> Void,
        afterEnvelope: (XMLOutput) throws(EdXMLError) -> Void
    ) throws(EdXMLError) -> Digest {
        try DurableOutput.syncingAfterwards(naming: path) { syncs throws(EdXMLError) in
            try write(to: path, syncs: &syncs, envelope: envelope, afterEnvelope: afterEnvelope)
        }
    }

    private func write(
        to path: String,
        syncs: inout DirectorySyncs,
        envelope: (XMLOutput) throws(EdXMLError) -> Void,
        afterEnvelope: (XMLOutput) throws(EdXMLError) -> Void
    ) throws(EdXMLError) -> Digest {
        try DurableOutput.write(to: path, syncs: &syncs) { file throws(EdXMLError) -> Digest in
            let output = XMLOutput(file: file)
            try compose(into: output, envelope: envelope, afterEnvelope: afterEnvelope)
            return output.digest()
        }
    }

    /// The root element and the envelope around what `envelope` writes, then what follows the envelope.
    private func compose(
        into output: XMLOutput,
        envelope: (XMLOutput) throws(EdXMLError) -> Void,
        afterEnvelope: (XMLOutput) throws(EdXMLError) -> Void
    ) throws(EdXMLError) {
        try output.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        try output.open("edXML", attributes: " xmlns=\"\(EdXMLReader.namespace)\"")
        try output.open("edXML:edXMLEnvelope", attributes: " xmlns:edXML=\"\(EdXMLReader.namespace)\"")
        try envelope(output)
        try output.close("edXML:edXMLEnvelope")
        try afterEnvelope(output)
        try output.close("edXML")
    }

    /// Appends the base64 of the file at `path` to `output`, without line breaks, reading in chunks.
    private func encode(file path: String, into output: XMLOutput) throws(EdXMLError) {
        let opened: (FileDescriptor, FileStatus)
        do {
            opened = try FileDescriptor.openForReading(path, followingSymlinks: true)
        } catch {
            throw .cannotOpen(path: path, reason: error.systemMessage)
        }
        let (input, status) = opened
        guard status.kind == .regular else { throw .cannotOpen(path: path, reason: "it is \(status.kind)") }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.encodeChunkSize, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let count: Int
            do {
                count = try input.readFully(into: chunk)
            } catch {
                throw .readFailed(path: path, reason: error.systemMessage)
            }
            if count > 0 { try output.write(Data(chunk[..<count]).base64EncodedData()) }
            if count < chunk.count { return }
        }
    }
}
