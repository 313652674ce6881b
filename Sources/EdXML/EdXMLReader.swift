import SystemSupport

/// Reads edXML messages (QCVN 102:2016) from files, in one pass and in constant memory.
///
/// The reader accepts what real senders produce (see ``XMLTokenizer`` for the tolerated defects, reported
/// in ``EdXMLMessage/warnings``) and refuses what is dangerous (DOCTYPE, oversized input) with an
/// ``EdXMLError``. Elements are matched by local name in the QCVN namespace or in no namespace; an element
/// whose `edXML:` prefix is not declared where it is used (VNPT's `edoc.edxml` does this after the envelope)
/// is read as an edXML element too, after the tokenizer's warning. Elements in other namespaces (the XMLDSig
/// `Signature`) and unknown elements are skipped. Values are trimmed of surrounding whitespace.
public struct EdXMLReader: Sendable {
    /// The QCVN 102:2016 namespace.
    public static let namespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016"

    public let limits: EdXMLLimits

    public init(limits: EdXMLLimits = .default) {
        self.limits = limits
    }

    /// Parses the MessageHeader and TraceHeaderList and stops at the end of `edXMLHeader`, before the body
    /// and the attachments. Fast enough to route messages by sender and recipients.
    public func readHeader(from path: String) throws(EdXMLError) -> EdXMLMessage {
        let session = try EdXMLParseSession(path: path, limits: limits, attachmentDirectory: nil)
        return try session.run()
    }

    /// Parses the whole message. Each attachment's base64 is decoded as it is read into a new file
    /// `attachment-<N>.bin` (N from 1, in message order) in `attachmentDirectory`, which must exist.
    ///
    /// Each file is written with a `DurableFileWriter`: it appears whole or not at all, an existing file is an
    /// error (never overwritten), and the files and (once, at the end) the directory are fsynced. On any error the
    /// files created by this call are removed.
    public func read(from path: String, attachmentDirectory: String) throws(EdXMLError) -> EdXMLMessage {
        try DurableOutput.syncingAfterwards(naming: attachmentDirectory) { syncs throws(EdXMLError) in
            try read(from: path, attachmentDirectory: attachmentDirectory, syncs: &syncs)
        }
    }

    /// ``read(from:attachmentDirectory:)`` whose `fsync` of `attachmentDirectory` is added to `syncs`: the files'
    /// contents are durable when it returns, their names only after `syncs.sync()`.
    public func read(
        from path: String, attachmentDirectory: String, syncs: inout DirectorySyncs
    ) throws(EdXMLError) -> EdXMLMessage {
        let session = try EdXMLParseSession(path: path, limits: limits, attachmentDirectory: attachmentDirectory)
        do {
            let message = try session.run()
            syncs.add(contentsOf: session.syncs)
            return message
        } catch {
            session.removeCreatedFiles()
            throw error
        }
    }
}
