import AxisProtocol
import EdXML
import Foundation

/// What the axis needs from an envelope to route it.
struct EnvelopeRouting: Sendable, Equatable {
    var messageType: AxisMessageType
    /// `From/OrganId`.
    var sender: String
    /// `To/OrganId` for documents, `ResponseFor/OrganId` for status messages; duplicates removed, order kept.
    var recipients: [String]
    var title: String
    var notation: String
}

/// Reads only the header of an uploaded envelope, through the EdXML module's streaming reader.
enum EnvelopeInspector {
    static func inspect(path: String) throws(AxisRejection) -> EnvelopeRouting {
        let message: EdXMLMessage
        do {
            message = try EdXMLReader().readHeader(from: path)
        } catch {
            throw .invalidDocument("\(error)")
        }
        var seen = Set<String>()
        let recipients = message.recipientIds.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
        var title = ""
        var notation = ""
        if let document = message.document {
            title = document.subject ?? ""
            let number = document.code?.codeNumber ?? ""
            let codeNotation = document.code?.codeNotation ?? ""
            notation = codeNotation.isEmpty ? number : "\(number)/\(codeNotation)"
        } else if let status = message.status {
            title = "Trang thai \(status.statusCode)"
            notation = status.responseFor.code ?? ""
        }
        return EnvelopeRouting(
            messageType: message.kind == .status ? .status : .edoc,
            sender: message.senderId.trimmingCharacters(in: .whitespaces),
            recipients: recipients,
            title: title,
            notation: notation
        )
    }
}
