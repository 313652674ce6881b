import Foundation
import GRDB

/// The `documents` row of a record, column by column.
///
/// Written out rather than derived from `Codable`: GRDB's coder-based mapping cost about a tenth of the daemon's CPU
/// per outbound document (every transition fetches, encodes and decodes the whole record). The formats are the ones
/// the coder wrote, so databases written before read the same: dates as GRDB's `yyyy-MM-dd HH:mm:ss.SSS` text (UTC),
/// `recipients` as a JSON array of strings, booleans as 0 or 1.
extension DocumentRecord {
    public init(row: Row) throws {
        guard let direction = Direction(rawValue: row["direction"]),
            let state = DocumentState(rawValue: row["state"])
        else {
            throw RowDecodingError(row: row)
        }
        self.init(
            direction: direction, agency: row["agency"], messageType: row["message_type"], fileName: row["file_name"],
            now: row["created_at"])
        id = row["id"]
        self.state = state
        sourcePath = row["source_path"]
        fileSize = row["file_size"]
        fileModifiedNanos = row["file_modified_nanos"]
        fileInode = row["file_inode"]
        sha256 = row["sha256"]
        recipients = try Self.recipients(fromJSON: row["recipients"], row: row)
        counterpart = row["counterpart"]
        subject = row["subject"]
        codeNotation = row["code_notation"]
        edxmlDocumentId = row["edxml_document_id"]
        axisDocId = row["axis_doc_id"]
        destinationPath = row["destination_path"]
        attempts = row["attempts"]
        nextAttemptAt = row["next_attempt_at"]
        lastError = row["last_error"]
        clerkNotice = row["clerk_notice"]
        filingPending = row["filing_pending"]
        sendUncertain = row["send_uncertain"]
        sendStartedAt = row["send_started_at"]
        arrivalStatusSent = row["arrival_status_sent"]
        arrivalStatusStartedAt = row["arrival_status_started_at"]
        arrivalStatusDocId = row["arrival_status_doc_id"]
        businessDocType = row["business_doc_type"]
        businessDocumentId = row["business_document_id"]
        businessNotice = row["business_notice"]
        relatedDocumentId = row["related_document_id"]
        businessReason = row["business_reason"]
        unreadableFetches = row["unreadable_fetches"]
        failAcknowledgementPending = row["fail_acknowledgement_pending"]
        quarantineReason = row["quarantine_reason"]
        // A value this version does not know reads as unknown rather than making the row unreadable.
        signatureVerdict = (row["signature_verdict"] as String?).flatMap(SignatureVerdict.init(rawValue:))
        updatedAt = row["updated_at"]
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["direction"] = direction.rawValue
        container["agency"] = agency
        container["state"] = state.rawValue
        container["message_type"] = messageType
        container["file_name"] = fileName
        container["source_path"] = sourcePath
        container["file_size"] = fileSize
        container["file_modified_nanos"] = fileModifiedNanos
        container["file_inode"] = fileInode
        container["sha256"] = sha256
        container["recipients"] = try Self.json(recipients)
        container["counterpart"] = counterpart
        container["subject"] = subject
        container["code_notation"] = codeNotation
        container["edxml_document_id"] = edxmlDocumentId
        container["axis_doc_id"] = axisDocId
        container["destination_path"] = destinationPath
        container["attempts"] = attempts
        container["next_attempt_at"] = nextAttemptAt
        container["last_error"] = lastError
        container["clerk_notice"] = clerkNotice
        container["filing_pending"] = filingPending
        container["send_uncertain"] = sendUncertain
        container["send_started_at"] = sendStartedAt
        container["arrival_status_sent"] = arrivalStatusSent
        container["arrival_status_started_at"] = arrivalStatusStartedAt
        container["arrival_status_doc_id"] = arrivalStatusDocId
        container["business_doc_type"] = businessDocType
        container["business_document_id"] = businessDocumentId
        container["business_notice"] = businessNotice
        container["related_document_id"] = relatedDocumentId
        container["business_reason"] = businessReason
        container["unreadable_fetches"] = unreadableFetches
        container["fail_acknowledgement_pending"] = failAcknowledgementPending
        container["quarantine_reason"] = quarantineReason
        container["signature_verdict"] = signatureVerdict?.rawValue
        container["created_at"] = createdAt
        container["updated_at"] = updatedAt
    }

    private static func json(_ codes: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(codes), as: UTF8.self)
    }

    private static func recipients(fromJSON text: String, row: Row) throws -> [String] {
        do {
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        } catch {
            throw RowDecodingError(row: row)
        }
    }
}

/// A `documents` row this version cannot read (an unknown state or direction, recipients that are not a JSON list).
public struct RowDecodingError: Error, CustomStringConvertible {
    public let description: String

    init(row: Row) {
        description =
            "cannot read the documents row \(row["id"] as Int64? ?? -1): an unknown state, direction or "
            + "recipients list (written by a newer lienthong?)"
    }
}
