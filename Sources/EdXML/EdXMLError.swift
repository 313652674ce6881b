import SystemSupport

/// Everything that can go wrong while reading, writing or unwrapping edXML.
///
/// Messages name the file, the place (line and column) when there is one, and what to do. A full disk is recognised
/// by ``systemError``'s ``SystemError/isNoSpace``.
public enum EdXMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened (missing, permissions, a directory, ...).
    case cannotOpen(path: String, reason: String)
    /// Reading failed half-way (I/O error).
    case readFailed(path: String, reason: String)
    /// Writing an output file failed (disk full, permissions, ...); the error names the output file.
    case writeFailed(SystemError)
    /// The output file already exists; this module never overwrites a file.
    case destinationExists(path: String)
    /// The input is larger than the configured cap.
    case inputTooLarge(limit: Int64)
    /// The input is not well-formed XML at the given place.
    case malformed(String, at: XMLPosition)
    /// A `<!DOCTYPE` was found. It is refused outright: DTDs enable XXE and entity-expansion attacks.
    case doctypeForbidden(at: XMLPosition)
    /// An entity reference other than the five predefined ones and numeric references.
    case undefinedEntity(name: String, at: XMLPosition)
    /// A numeric character reference to a code point XML does not allow.
    case invalidCharacterReference(String, at: XMLPosition)
    /// Bytes that are not valid UTF-8, or a control character XML does not allow.
    case invalidCharacter(String, at: XMLPosition)
    /// The XML declaration names an encoding other than UTF-8.
    case unsupportedEncoding(String, at: XMLPosition)
    /// Elements nested deeper than the limit (a "depth bomb").
    case depthLimitExceeded(limit: Int, at: XMLPosition)
    /// An element or attribute name longer than the limit.
    case nameTooLong(limit: Int, at: XMLPosition)
    /// An attribute value longer than the limit.
    case attributeValueTooLong(limit: Int, at: XMLPosition)
    /// More attributes on one element than the limit.
    case tooManyAttributes(limit: Int, at: XMLPosition)
    /// The text of an ordinary (non-attachment) element is larger than the limit.
    case textTooLarge(element: String, limit: Int, at: XMLPosition)
    /// An end tag that does not close the element that is open.
    case mismatchedEndTag(expected: String, found: String, at: XMLPosition)
    /// The file ended in the middle of something.
    case unexpectedEndOfInput(context: String, at: XMLPosition)
    /// The XML is well-formed but is not an edXML message (wrong root, missing header, ...).
    case notEdXML(String)
    /// A required element is absent.
    case missingElement(String)
    /// The base64 content of an attachment is invalid.
    case invalidBase64(attachment: String, detail: String, at: XMLPosition)
    /// More attachments than the limit.
    case tooManyAttachments(limit: Int)
    /// A list element (`To`, `TraceHeader`, `Reference`, ...) repeated more often than the limit.
    case tooManyElements(String, limit: Int)
    /// One decoded attachment is larger than the limit.
    case attachmentTooLarge(attachment: String, limit: Int64)
    /// The decoded attachments together are larger than the limit.
    case attachmentsTooLarge(limit: Int64)
    /// A ZIP-wrapped attachment could not be unwrapped.
    case zip(path: String, reason: String)
    /// The ZIP wrapping `source` could not be built at `path` for a reason other than a failed system call.
    case zipNotBuilt(path: String, source: String, reason: String)
    /// A document identifier is neither `OrganId,yyyy/MM/dd,Number/Notation` nor a UUID.
    case invalidDocumentId(String, reason: String)
    /// A value handed to the writer cannot be written.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open \(path): \(reason); check that the file exists and is readable by the service"
        case .readFailed(let path, let reason):
            return "reading \(path) failed: \(reason)"
        case .writeFailed(let error):
            return error.description
        case .destinationExists(let path):
            return "\(path) already exists; refusing to overwrite it (remove it or choose another name)"
        case .inputTooLarge(let limit):
            return "the edXML file is larger than the limit of \(limit) bytes; raise the limit if this is legitimate"
        case .malformed(let what, let position):
            return "the edXML is not well-formed XML at \(position): \(what)"
        case .doctypeForbidden(let position):
            return "a <!DOCTYPE> declaration at \(position) is refused: edXML never needs one and DTDs allow "
                + "external-entity and entity-expansion attacks; ask the sender to remove it"
        case .undefinedEntity(let name, let position):
            return "undefined entity '&\(name);' at \(position); only &lt; &gt; &amp; &quot; &apos; and "
                + "numeric references are allowed"
        case .invalidCharacterReference(let reference, let position):
            return "character reference '\(reference)' at \(position) does not name a character XML allows"
        case .invalidCharacter(let what, let position):
            return "invalid character at \(position): \(what); the file must be UTF-8 text"
        case .unsupportedEncoding(let encoding, let position):
            return "the XML declaration at \(position) says encoding '\(encoding)'; edXML must be UTF-8"
        case .depthLimitExceeded(let limit, let position):
            return "elements are nested deeper than \(limit) levels at \(position); this is not an edXML message"
        case .nameTooLong(let limit, let position):
            return "a name longer than \(limit) bytes at \(position)"
        case .attributeValueTooLong(let limit, let position):
            return "an attribute value longer than \(limit) bytes at \(position)"
        case .tooManyAttributes(let limit, let position):
            return "more than \(limit) attributes on one element at \(position)"
        case .textTooLarge(let element, let limit, let position):
            return "the text of <\(element)> at \(position) is larger than \(limit) bytes"
        case .mismatchedEndTag(let expected, let found, let position):
            return "end tag </\(found)> at \(position) does not close the open element <\(expected)>"
        case .unexpectedEndOfInput(let context, let position):
            return "the file ends unexpectedly at \(position) \(context); it was probably truncated in transit"
        case .notEdXML(let what):
            return "not an edXML message: \(what)"
        case .missingElement(let name):
            return "the edXML message has no \(name) element, which is required"
        case .invalidBase64(let attachment, let detail, let position):
            return "attachment '\(attachment)' has invalid base64 content at \(position): \(detail)"
        case .tooManyAttachments(let limit):
            return "the message has more than \(limit) attachments"
        case .tooManyElements(let name, let limit):
            return "the message has more than \(limit) <\(name)> elements in one place"
        case .attachmentTooLarge(let attachment, let limit):
            return "attachment '\(attachment)' is larger than the limit of \(limit) bytes once decoded"
        case .attachmentsTooLarge(let limit):
            return "the attachments together are larger than the limit of \(limit) bytes once decoded"
        case .zip(let path, let reason):
            return "cannot unwrap the ZIP attachment \(path): \(reason)"
        case .zipNotBuilt(let path, let source, let reason):
            return "cannot build the ZIP \(path) from \(source): \(reason)"
        case .invalidDocumentId(let value, let reason):
            return "'\(value)' is not a document identifier: \(reason); expected "
                + "'OrganId,yyyy/MM/dd,Number/Notation' or a UUID"
        case .invalidArgument(let what):
            return "cannot write edXML: \(what)"
        }
    }

    /// The system call failure behind a ``writeFailed(_:)``, e.g. to tell a full disk from a bad message.
    public var systemError: SystemError? {
        if case .writeFailed(let error) = self { return error }
        return nil
    }

    /// The error for a failed write of `path`: ``destinationExists(path:)`` for `EEXIST`, else ``writeFailed(_:)``.
    static func writing(_ path: String, _ error: SystemError) -> EdXMLError {
        error.isAlreadyExists ? .destinationExists(path: path) : .writeFailed(error)
    }
}
