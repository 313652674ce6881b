import AxisProtocol
import Foundation
import SystemSupport

extension AxisService {
    /// `getReceivedEdocList`: everything still queued for the caller's agencies, oldest first.
    func getReceivedEdocList(_ call: AxisCall) throws(AxisRejection) -> HTTPResponse {
        let agencies = try call.callerAgencies()
        let messageType = try call.messageType()
        let rows = try storage("listing received documents") {
            try store.listed(for: agencies, messageType: messageType?.rawValue)
        }
        let items = rows.map { document, delivery in
            ReceivedEdocItem(
                docId: document.docId, serviceType: "eDoc", messageType: document.messageType,
                createdTime: reportedTime(document.createdAt),
                updatedTime: reportedTime(delivery.updatedAt),
                from: document.sender, to: delivery.recipient, status: delivery.status.rawValue,
                statusDescription: delivery.statusDescription)
        }
        return .json(ReceivedEdocItem.listJSONBytes(items))
    }

    /// `countReceiveEdoc` / `countReceiveStatus`.
    func count(_ call: AxisCall, messageType: AxisMessageType) throws(AxisRejection) -> HTTPResponse {
        let agencies = try call.callerAgencies()
        let count = try storage("counting received documents") {
            try store.countListed(for: agencies, messageType: messageType.rawValue)
        }
        return .json(CountReply(count: count).jsonBytes())
    }

    /// `downloadEdoc`: the envelope as served (see ``servedEnvelope(_:)``), raw.
    func downloadEdoc(_ call: AxisCall) throws(AxisRejection) -> HTTPResponse {
        let document = try accessibleDocument(call)
        return HTTPResponse(
            status: 200, headers: HTTPHeaders([("Content-Type", "application/octet-stream")]),
            body: .stream(try servedEnvelope(document)))
    }

    /// `getEdoc`: `{"status":"OK",...,"data":"<base64 of the envelope>"}`, encoded while it is sent (see
    /// ``GetEdocReplyBody``), so a large envelope is neither held in memory nor copied.
    func getEdoc(_ call: AxisCall) throws(AxisRejection) -> HTTPResponse {
        let document = try accessibleDocument(call)
        return HTTPResponse(
            status: 200, headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")]),
            body: .stream(GetEdocReplyBody(envelope: try servedEnvelope(document))))
    }

    /// `updateStatus`: `done`/`fail` take the delivery off the caller's list (idempotently), `processing` keeps it.
    func updateStatus(_ call: AxisCall) throws(AxisRejection) -> HTTPResponse {
        let agencies = try call.callerAgencies()
        let docId = try call.requiredParameter("docId")
        let value = try call.requiredParameter("status")
        guard let status = DeliveryStatus(updateValue: value) else {
            throw AxisRejection(
                errorCode: AxisErrorCode.missingParameter,
                errorDescription: "Trang thai khong hop le: \(value) (done, fail hoac processing)")
        }
        let description = call.parameter("description") ?? ""
        let updated = try storage("updating \(docId)") {
            try store.updateStatus(
                docId: docId, recipients: agencies, status: status, description: description, now: nowMilliseconds)
        }
        guard updated > 0 else { throw .documentNotFound(docId) }
        counters.recordAcknowledgement(docId: docId, status: status, description: description)
        logger.info("\(docId) marked \(status.rawValue) by \(agencies.joined(separator: ","))")
        return .json(AxisReply.ok.jsonBytes())
    }

    /// The document `docId` if it was delivered to, or sent by, one of the caller's agencies.
    private func accessibleDocument(_ call: AxisCall) throws(AxisRejection) -> StoredDocument {
        let agencies = try call.callerAgencies()
        let docId = try call.requiredParameter("docId")
        let found = try storage("looking up \(docId)") { () -> StoredDocument? in
            guard let document = try store.document(docId: docId) else { return nil }
            if agencies.contains(document.sender) { return document }
            return try store.deliveries(docId: docId, recipients: agencies).isEmpty ? nil : document
        }
        guard let found else { throw .documentNotFound(docId) }
        return found
    }
}

extension AxisService {
    /// The envelope a caller downloads: the stored bytes plus one `TraceHeader` (this axis's mark: the configured
    /// `trace_organ_id` or the sender, and the time the document was stored), inserted while it is sent
    /// (``TracedEnvelopeBody``); or the stored file itself when `append_trace_header` is off or the envelope has no
    /// place for the mark. The stored original never changes, so `getSentEdocList`, the hashes and the duplicate
    /// counters keep describing what the sender sent. The stamp comes from the stored document, so every download of
    /// a document is byte-identical.
    func servedEnvelope(_ document: StoredDocument) throws(AxisRejection) -> any HTTPBodyProducer {
        let original = envelopes.absolutePath(document.filePath)
        let stored = { () throws(AxisRejection) -> any HTTPBodyProducer in
            try self.storage("opening \(document.docId)") {
                try FileBodyProducer(path: original, removeAfterSending: false)
            }
        }
        guard configuration.appendTraceHeader else { return try stored() }
        do {
            return try TracedEnvelopeBody(
                path: original, organId: configuration.traceOrganId ?? document.sender,
                timestamp: reportedTraceTimestamp(document.createdAt))
        } catch let failure as TraceHeaderInserter.Failure {
            logger.warning("serving \(document.docId) without a TraceHeader: \(failure)")
        } catch let failure as TracedEnvelopeBody.Failure {
            logger.warning("serving \(document.docId) without a TraceHeader: \(failure)")
        } catch {
            logger.error("adding a TraceHeader to \(document.docId) failed: \(error)")
            throw .internalError
        }
        return try stored()
    }
}
