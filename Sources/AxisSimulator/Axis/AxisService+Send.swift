import AxisProtocol
import CryptoPrimitives
import Foundation
import SystemSupport

extension AxisService {
    /// `sendEdoc`: checks sender, hash and routing, stores the envelope once and queues one delivery per recipient.
    func sendEdoc(_ call: AxisCall) throws(AxisRejection) -> HTTPResponse {
        let from = try call.requiredParameter("from")
        guard call.system.agencies.contains(from) else {
            throw .wrongSender(from: from, systemId: call.system.systemId)
        }
        let declaredType = try call.messageType() ?? .edoc
        let hashFile = try call.requiredParameter("hash-file")
        guard case .file(let bodyPath, let bodyLength, let hashes) = call.request.body, bodyLength > 0 else {
            throw .invalidDocument("noi dung rong")
        }

        let storedLength: Int64
        let digest: Digest
        if hashes.full.javaLossyHex == hashFile.lowercased() {
            storedLength = bodyLength
            digest = hashes.full
        } else if let trimmed = hashes.withoutTrailingCRLF, trimmed.javaLossyHex == hashFile.lowercased() {
            storedLength = bodyLength - 2
            digest = trimmed
        } else {
            throw .hashMismatch
        }

        let routing = try EnvelopeInspector.inspect(path: bodyPath)
        guard routing.sender == from else {
            throw .invalidDocument("From/OrganId \(routing.sender) khac voi tham so from \(from)")
        }
        guard routing.messageType == declaredType else {
            throw .invalidDocument(
                "messagetype \(declaredType.rawValue) khong khop voi noi dung (\(routing.messageType.rawValue))")
        }
        guard !routing.recipients.isEmpty else {
            throw .invalidDocument(
                routing.messageType == .status ? "thieu ResponseFor/OrganId" : "thieu don vi nhan (To/OrganId)")
        }
        let known = configuration.knownAgencyCodes
        if let unknown = routing.recipients.first(where: { !known.contains($0) }) {
            throw .unknownRecipient(unknown)
        }

        let docId = UUID().uuidString.lowercased()
        let relativePath = try storage("storing envelope \(docId)") {
            try envelopes.store(adopting: bodyPath, length: storedLength, docId: docId)
        }
        let document = StoredDocument(
            sequence: nil, docId: docId, systemId: call.system.systemId, sender: from,
            messageType: routing.messageType.rawValue, filePath: relativePath, size: storedLength,
            sha256: digest.hex, title: routing.title, notation: routing.notation, createdAt: nowMilliseconds)
        do {
            try storage("recording document \(docId)") { try store.insert(document, recipients: routing.recipients) }
        } catch {
            unlink(envelopes.absolutePath(relativePath))
            throw error
        }
        logger.info(
            "stored \(routing.messageType.rawValue) \(docId) from \(from) to \(routing.recipients.joined(separator: ","))",
            metadata: ["bytes": "\(storedLength)", "sha256": "\(digest.hex)"])
        return .json(SendEdocReply(docId: docId).jsonBytes())
    }
}
