import StateStore

extension DocumentStore {
    /// Records that a person must act on an outbound document: `failed`, with the technical reason for `show` and
    /// the clerk's text for `x.pdf.error.txt`. ``OutboundFiler/fileFailed(_:)`` then moves its file to `failed/`.
    func markFailed(_ document: DocumentRecord, reason: String, clerk: ClerkMessage) throws -> DocumentRecord {
        let notice = clerk.text(fileName: document.fileName, detail: reason)
        return try transition(document.id!, to: .failed, note: reason) {
            $0.lastError = reason
            $0.clerkNotice = notice
            $0.filingPending = true
        }
    }
}
