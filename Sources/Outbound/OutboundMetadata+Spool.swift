import Config
import EdXML
import Foundation
import StateStore

extension OutboundMetadata {
    /// The metadata of a claimed document, read from the metadata file in its spool folder (if any), so that a
    /// restart or a retry reads exactly what the clerk gave.
    static func claimed(_ document: DocumentRecord, agency: AgencyConfig, spool: OutboundSpool, now: Date = Date())
        -> OutboundMetadata
    {
        let sidecar = document.id.map { SidecarReading.read(at: spool.sidecar(of: $0, fileName: document.fileName)) }
        var metadata = OutboundMetadata(agency: agency, document: document, sidecar: sidecar ?? .absent, now: now)
        if document.isDocumentFolder {
            metadata.documentFolderFiles = (try? spool.attachmentNames(of: document)) ?? []
        }
        return metadata
    }

    /// The folder below `outbox/` the file came from (`""` for the outbox itself), for messages to clerks.
    var folder: String { relativeComponents.dropLast().joined(separator: "/") }

    /// The names the recipient will see, for the length checks.
    var attachmentNames: [String] { documentFolderFiles ?? [fileName] }

    /// The header to send, or a permanent failure naming every missing or invalid field.
    func completeHeader() throws(OutboundFailure) -> (DocumentHeader, MetadataResolution) {
        let resolution = resolve()
        let header = try resolution.completeHeader(
            fileName: fileName, folder: folder, isDocumentFolder: documentFolderFiles != nil)
        return (header, resolution)
    }
}
