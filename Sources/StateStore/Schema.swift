import GRDB

/// The schema's history. Append migrations; never edit a shipped one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents and events") { db in
            try db.create(table: "documents") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("direction", .text).notNull()
                t.column("agency", .text).notNull()
                t.column("state", .text).notNull().indexed()
                t.column("message_type", .text).notNull()
                t.column("file_name", .text).notNull()
                t.column("source_path", .text)
                t.column("file_size", .integer)
                t.column("file_modified_nanos", .integer)
                t.column("file_inode", .integer)
                t.column("sha256", .text)
                t.column("recipients", .text).notNull()
                t.column("counterpart", .text)
                t.column("subject", .text)
                t.column("code_notation", .text)
                t.column("edxml_document_id", .text)
                t.column("axis_doc_id", .text)
                t.column("destination_path", .text)
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("next_attempt_at", .datetime)
                t.column("last_error", .text)
                t.column("clerk_notice", .text)
                t.column("filing_pending", .boolean).notNull().defaults(to: false)
                t.column("send_uncertain", .boolean).notNull().defaults(to: false)
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
            }
            // A docId listed by the axis is delivered once per agency, however often it is listed.
            try db.execute(
                sql: """
                    CREATE UNIQUE INDEX documents_inbound_axis_doc_id ON documents(agency, message_type, axis_doc_id)
                    WHERE direction = 'in'
                    """)
            try db.create(index: "documents_outbound_source", on: "documents", columns: ["agency", "source_path"])
            try db.create(table: "events") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("documents", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.column("kind", .text).notNull()
                t.column("from_state", .text)
                t.column("to_state", .text)
                t.column("message", .text).notNull()
            }
        }
        migrator.registerMigration("v2: arrival status sent") { db in
            // Inbound: status 01 (arrived) went to the sender; a retried acknowledgement must not send it again.
            try db.alter(table: "documents") { t in
                t.add(column: "arrival_status_sent", .boolean).notNull().defaults(to: false)
            }
        }
        migrator.registerMigration("v3: answers") { db in
            // Inbound: the statuses a clerk sends back about a received document (02..06, 15, 16), queued here
            // before they go on the axis, one row per answer.
            try db.create(table: "answers") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("documents", onDelete: .cascade)
                t.column("code", .text).notNull()
                t.column("reason", .text)
                t.column("origin", .text).notNull()
                t.column("state", .text).notNull().indexed()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("next_attempt_at", .datetime)
                t.column("last_error", .text)
                t.column("status_doc_id", .text)
                t.column("created_at", .datetime).notNull()
                t.column("sent_at", .datetime)
                t.column("updated_at", .datetime).notNull()
            }
            // A code is answered once per document; a failed answer may be asked again.
            try db.execute(
                sql: """
                    CREATE UNIQUE INDEX answers_one_per_code ON answers(document_id, code) WHERE state != 'failed'
                    """)
            // Inbound revoke/update/replace requests (BussinessDocType 1, 2, 3), the earlier document they concern
            // and the notice written for the clerk; found again by the edXML DocumentId.
            try db.alter(table: "documents") { t in
                t.add(column: "business_doc_type", .text)
                t.add(column: "business_document_id", .text)
                t.add(column: "business_notice", .text)
            }
            try db.create(index: "documents_edxml_document_id", on: "documents", columns: ["edxml_document_id"])
        }
        migrator.registerMigration("v4: business operations") { db in
            // Outbound revoke/update/replace requests (`lienthong revoke|update|replace`): the document of ours they
            // concern and the reason given. Their type and the DocumentId concerned share v3's columns
            // `business_doc_type` and `business_document_id` with inbound requests.
            try db.alter(table: "documents") { t in
                t.add(column: "related_document_id", .integer).references("documents", onDelete: .setNull)
                t.add(column: "business_reason", .text)
            }
            try db.create(index: "documents_related_document_id", on: "documents", columns: ["related_document_id"])
        }
        migrator.registerMigration("v5: inbound acknowledgement") { db in
            // Inbound: how often the axis served this document unreadable (empty, or not edXML), so that it is
            // quarantined after a bounded number of fetches; and a quarantined document whose `fail` the axis has not
            // yet accepted, with the reason it was quarantined for (`last_error` then holds the acknowledgement's
            // own failures).
            try db.alter(table: "documents") { t in
                t.add(column: "unreadable_fetches", .integer).notNull().defaults(to: 0)
                t.add(column: "fail_acknowledgement_pending", .boolean).notNull().defaults(to: false)
                t.add(column: "quarantine_reason", .text)
            }
        }
        migrator.registerMigration("v6: send intent") { db in
            // When the last sendEdoc request left (the intent, committed before it), and the axis DocIds looked up by
            // value when matching a lost reply against getSentEdocList.
            try db.alter(table: "documents") { t in
                t.add(column: "send_started_at", .datetime)
            }
            try db.create(index: "documents_axis_doc_id", on: "documents", columns: ["axis_doc_id"])
        }
        migrator.registerMigration("v7: status send intent") { db in
            // Status messages go out exactly once too: when the last sendEdoc of a document's status 01 or of an
            // answer left (the intent), and the DocId status 01 got, so that a lost reply is looked up, and a DocId
            // we own is never taken for another status.
            try db.alter(table: "documents") { t in
                t.add(column: "arrival_status_started_at", .datetime)
                t.add(column: "arrival_status_doc_id", .text)
            }
            try db.alter(table: "answers") { t in
                t.add(column: "send_started_at", .datetime)
            }
        }
        migrator.registerMigration("v8: signature verdict") { db in
            // Inbound: the verdict on the document's signatures (`SignatureVerdict`), kept for the monthly report
            // because `document.json` in the inbox is the clerks' to move. NULL for documents received before.
            try db.alter(table: "documents") { t in
                t.add(column: "signature_verdict", .text)
            }
        }
        migrator.registerMigration("v9: status codes of status notes") { db in
            // The status received about one of our documents (01..06, 15, 16) and who sent it, as columns of its
            // history line, for the monthly report. Lines written before are filled in from their text
            // (`status 03 from 000.00.00.H26: …`); other events keep NULL.
            try db.alter(table: "events") { t in
                t.add(column: "status_code", .text)
                t.add(column: "status_sender", .text)
            }
            let notes = try Row.fetchAll(
                db, sql: "SELECT id, message FROM events WHERE kind = 'note' AND message LIKE 'status %'")
            for note in notes {
                guard let status = StatusNote(parsing: note["message"]) else { continue }
                try db.execute(
                    sql: "UPDATE events SET status_code = ?, status_sender = ? WHERE id = ?",
                    arguments: [status.code, status.sender, note["id"] as Int64])
            }
        }
        migrator.registerMigration("v10: priority") { db in
            // Outbound: the document's urgency (độ khẩn, 0 normal … 4 flash), so that an urgent file dropped into a
            // burst is sent before the documents of the burst that wait (first come, first served within a level).
            try db.alter(table: "documents") { t in
                t.add(column: "priority", .integer).notNull().defaults(to: 0)
            }
        }
        migrator.registerMigration("v11: outbound queue index") { db in
            // The unfinished outbound documents of an agency in the order `due()` hands them out, so that finding
            // the next few reads a few index entries however long the queue (100,000 files in the outbox at start
            // made each look sort the whole queue). A partial index: SQLite uses it only for queries whose WHERE
            // holds its condition word for word (`DocumentRecord.outboundQueueCondition`).
            try db.execute(
                sql: "CREATE INDEX documents_outbound_queue ON documents (agency, priority DESC, id) WHERE "
                    + DocumentRecord.outboundQueueCondition)
        }
        migrator.registerMigration("v12: envelope hash-file") { db in
            // Outbound: the `hash-file` of the envelope, computed as the envelope was written and sent with every
            // `sendEdoc` of it (`DocumentRecord.envelopeHashFile`).
            try db.alter(table: "documents") { t in t.add(column: "envelope_hash_file", .text) }
        }
        migrator.registerMigration("v13: outbound retry times in the queue indexes") { db in
            // During an outage every queued document waits for its retry time. `due()` walked the queue index and
            // read each row to see that it was not due yet, and `nextRetryTime` read the whole queue for its
            // minimum: 16 and 19 ms for 100,000 waiting documents, on each of the pipeline's wake-ups. The queue
            // index now carries the retry time, so that the walk reads no row that is not due, and a second index
            // finds the earliest retry time in one look-up.
            try db.execute(sql: "DROP INDEX documents_outbound_queue")
            try db.execute(
                sql: "CREATE INDEX documents_outbound_queue ON documents (agency, priority DESC, id, next_attempt_at) "
                    + "WHERE " + DocumentRecord.outboundQueueCondition)
            try db.execute(
                sql: "CREATE INDEX documents_outbound_retry ON documents (agency, next_attempt_at) WHERE "
                    + DocumentRecord.outboundQueueCondition)
        }
        migrator.registerMigration("v14: the outbound queue index covers the walk") { db in
            // `due()` walks the queue index past the documents it must skip (in flight, being claimed, held while
            // the axis refuses every send: thousands in an outage). With `direction` and `state` in the index too,
            // the walk reads index entries only (a covering index: SQLite does not count a partial index's own
            // condition as satisfied), and rows are read for the few documents chosen.
            try db.execute(sql: "DROP INDEX documents_outbound_queue")
            try db.execute(
                sql: "CREATE INDEX documents_outbound_queue ON documents "
                    + "(agency, priority DESC, id, next_attempt_at, direction, state) WHERE "
                    + DocumentRecord.outboundQueueCondition)
        }
        return migrator
    }
}
