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
        guard case .file(let bodyPath, let bodyLength) = call.request.body, bodyLength > 0 else {
            throw .invalidDocument("noi dung rong")
        }

        let hashes = try storage("hashing the upload") { try BodyHashes.compute(path: bodyPath, length: bodyLength) }
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

/// SHA-256 of an upload, and of the upload minus a trailing CRLF (which the Java SDK may add), in one pass: the
/// bytes before the last two are hashed once, and a copy of that state gives the shorter digest.
struct BodyHashes {
    let full: Digest
    let withoutTrailingCRLF: Digest?

    static func compute(path: String, length: Int64) throws -> BodyHashes {
        let (file, _) = try FileDescriptor.openForReading(path)
        let hasher = SHA256()
        let headLength = max(0, length - 2)
        var offset: Int64 = 0
        var tail: [UInt8] = []
        try file.forEachChunk(limit: length) { chunk in
            let keep = Int(max(0, min(Int64(chunk.count), headLength - offset)))
            if keep > 0 { hasher.update(UnsafeRawBufferPointer(rebasing: chunk[0..<keep])) }
            tail.append(contentsOf: chunk[keep...])
            offset += Int64(chunk.count)
        }
        let head = length >= 2 && tail == [0x0D, 0x0A] ? hasher.copy() : nil
        tail.withUnsafeBytes { hasher.update($0) }
        return BodyHashes(full: hasher.finalize(), withoutTrailingCRLF: head?.finalize())
    }
}
