import EdXML

extension InboundFailure {
    /// What a failure to read a downloaded envelope means: our own disk (try again), content that a fresh download
    /// may fix (a truncated or garbled transfer: fetch again, a bounded number of times), or a document that is
    /// refused whatever its transfer (over a limit, hostile: quarantine at once).
    init(reading error: EdXMLError) {
        switch error {
        case .cannotOpen, .readFailed, .writeFailed, .destinationExists, .invalidArgument, .zipNotBuilt:
            self = .transient("cannot read the downloaded envelope: \(error)")
        case .malformed, .invalidCharacterReference, .invalidCharacter, .unsupportedEncoding, .mismatchedEndTag,
            .unexpectedEndOfInput, .notEdXML, .missingElement, .invalidBase64, .invalidDocumentId:
            self = .unreadable("the envelope is not readable edXML: \(error)")
        case .inputTooLarge, .doctypeForbidden, .undefinedEntity, .depthLimitExceeded, .nameTooLong,
            .attributeValueTooLong, .tooManyAttributes, .textTooLarge, .tooManyAttachments, .tooManyElements,
            .attachmentTooLarge, .attachmentsTooLarge, .zip:
            self = .rejected("the envelope is not acceptable edXML: \(error)")
        }
    }
}
