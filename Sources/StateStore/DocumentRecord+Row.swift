import Foundation
import GRDB

/// The `documents` row of a record, column by column, in the table's order (``columns``).
///
/// Written out rather than derived from `Codable`: GRDB's coder-based mapping cost about a tenth of the daemon's CPU
/// per outbound document (every transition fetches, encodes and decodes the whole record). Rows are read by position
/// when their columns are exactly ``columns`` (a `SELECT *` of a migrated database, the cached statements), by name
/// otherwise (an older database opened read-only): GRDB's lookup by name hashes a lowercased copy of the name. The formats are the
/// ones the coder wrote, so databases written before read the same: dates as GRDB's `yyyy-MM-dd HH:mm:ss.SSS` text
/// (UTC), `recipients` as a JSON array of strings, booleans as 0 or 1.
extension DocumentRecord {
    /// Every column of `documents`, in the table's order (migrations append columns at the end, so a `SELECT *`
    /// of a database at the current version lists them so), which is the order ``databaseValues`` and
    /// ``init(row:)`` follow. A new column goes at the end of all three.
    static let columns = [
        "id", "direction", "agency", "state", "message_type", "file_name", "source_path", "file_size",
        "file_modified_nanos", "file_inode", "sha256", "recipients", "counterpart", "subject", "code_notation",
        "edxml_document_id", "axis_doc_id", "destination_path", "attempts", "next_attempt_at", "last_error",
        "clerk_notice", "filing_pending", "send_uncertain", "created_at", "updated_at", "arrival_status_sent",
        "business_doc_type", "business_document_id", "business_notice", "related_document_id", "business_reason",
        "unreadable_fetches", "fail_acknowledgement_pending", "quarantine_reason", "send_started_at",
        "arrival_status_started_at", "arrival_status_doc_id", "signature_verdict", "priority", "envelope_hash_file",
    ]

    public init(row: Row) throws {
        var column = ColumnCursor(row: row, names: Self.columns)
        let id: Int64? = column.nextOrNil()
        let directionName: String = column.next()
        let agency: String = column.next()
        let stateName: String = column.next()
        let messageType: String = column.next()
        let fileName: String = column.next()
        guard let direction = Direction(rawValue: directionName), let state = DocumentState(rawValue: stateName) else {
            throw RowDecodingError(row: row)
        }
        self.init(direction: direction, agency: agency, messageType: messageType, fileName: fileName)
        self.id = id
        self.state = state
        sourcePath = column.nextOrNil()
        fileSize = column.nextOrNil()
        fileModifiedNanos = column.nextOrNil()
        fileInode = column.nextOrNil()
        sha256 = column.nextOrNil()
        recipients = try Self.recipients(fromJSON: column.next(), row: row)
        counterpart = column.nextOrNil()
        subject = column.nextOrNil()
        codeNotation = column.nextOrNil()
        edxmlDocumentId = column.nextOrNil()
        axisDocId = column.nextOrNil()
        destinationPath = column.nextOrNil()
        attempts = column.next()
        nextAttemptAt = column.nextOrNil()
        lastError = column.nextOrNil()
        clerkNotice = column.nextOrNil()
        filingPending = column.next()
        sendUncertain = column.next()
        createdAt = column.next()
        updatedAt = column.next()
        arrivalStatusSent = column.next()
        businessDocType = column.nextOrNil()
        businessDocumentId = column.nextOrNil()
        businessNotice = column.nextOrNil()
        relatedDocumentId = column.nextOrNil()
        businessReason = column.nextOrNil()
        unreadableFetches = column.next()
        failAcknowledgementPending = column.next()
        quarantineReason = column.nextOrNil()
        sendStartedAt = column.nextOrNil()
        arrivalStatusStartedAt = column.nextOrNil()
        arrivalStatusDocId = column.nextOrNil()
        // Missing before v8 (a read-only opening of an older database), or a value this version does not know:
        // unknown, rather than an unreadable row.
        signatureVerdict = (column.nextOrNil() as String?).flatMap(SignatureVerdict.init(rawValue:))
        // Missing before v9 (a read-only opening of an older database): normal.
        priority = column.nextOrNil() ?? 0
        // Missing before v12 (a read-only opening of an older database): the sends hash the envelope.
        envelopeHashFile = column.nextOrNil()
    }

    /// The record's values in the order of ``columns`` (times as ``StoredTime``).
    var databaseValues: [(any DatabaseValueConvertible)?] {
        get throws {
            [
                id, direction.rawValue, agency, state.rawValue, messageType, fileName, sourcePath, fileSize,
                fileModifiedNanos, fileInode, sha256, try RecipientsColumn.encode(recipients), counterpart, subject,
                codeNotation, edxmlDocumentId, axisDocId, destinationPath, attempts, nextAttemptAt.map(StoredTime.init),
                lastError, clerkNotice, filingPending, sendUncertain, StoredTime(createdAt), StoredTime(updatedAt),
                arrivalStatusSent, businessDocType, businessDocumentId, businessNotice, relatedDocumentId,
                businessReason, unreadableFetches, failAcknowledgementPending, quarantineReason,
                sendStartedAt.map(StoredTime.init), arrivalStatusStartedAt.map(StoredTime.init),
                arrivalStatusDocId, signatureVerdict?.rawValue, priority, envelopeHashFile,
            ]
        }
    }

    public func encode(to container: inout PersistenceContainer) throws {
        for (name, value) in zip(Self.columns, try databaseValues) { container[name] = value }
    }

    private static func recipients(fromJSON text: String, row: Row) throws -> [String] {
        guard let codes = RecipientsColumn.decode(text) else { throw RowDecodingError(row: row) }
        return codes
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
