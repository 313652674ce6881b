import Foundation
import Testing

@testable import StateStore

/// A received document in the inbox (`delivered`, or `acknowledged` when `acknowledged`), optionally a request.
func receivedDocument(
    in store: DocumentStore, axisDocId: String = UUID().uuidString, acknowledged: Bool = true,
    businessDocType: String? = nil, edxmlDocumentId: String? = nil, folder: String? = "/srv/h26/inbox/x"
) throws -> DocumentRecord {
    let record = DocumentRecord(
        direction: .inbound, agency: "000.00.00.H26", fileName: "", counterpart: "000.00.00.H41",
        axisDocId: axisDocId)
    let (inserted, _) = try store.insertInboundIfNew(record, note: "listed")
    let id = try #require(inserted.id)
    try store.transition(id, to: .downloaded, note: "downloaded")
    var document = try store.transition(id, to: .delivered, note: "delivered") {
        $0.businessDocType = businessDocType
        $0.edxmlDocumentId = edxmlDocumentId
        $0.destinationPath = folder
    }
    if acknowledged { document = try store.transition(id, to: .acknowledged, note: "acknowledged") }
    return document
}

@Suite struct AnswerQueueTests {
    private func refusal(_ body: () throws -> Void) -> AnswerRefusal? {
        do {
            try body()
            return nil
        } catch {
            return error as? AnswerRefusal
        }
    }

    @Test func codesParseFromTwoDigitsOrOneAndNothingElseIsAnAnswer() {
        #expect(AnswerCode(parsing: "03") == .accepted)
        #expect(AnswerCode(parsing: " 3 ") == .accepted)
        #expect(AnswerCode(parsing: "16") == .requestRefused)
        for text in ["01", "07", "13", "003", "abc", "", "٠٣", "-3"] {
            #expect(AnswerCode(parsing: text) == nil, "\(text)")
        }
    }

    @Test func rejectionAndRefusalNeedAReasonAndReasonsAreTrimmedAndCapped() throws {
        #expect(throws: AnswerRefusal.reasonRequired(.rejected)) {
            try AnswerRules.normalizedReason(nil, for: .rejected)
        }
        #expect(throws: AnswerRefusal.reasonRequired(.requestRefused)) {
            try AnswerRules.normalizedReason(" \n\t", for: .requestRefused)
        }
        #expect(try AnswerRules.normalizedReason("  sai thẩm quyền\n", for: .rejected) == "sai thẩm quyền")
        #expect(try AnswerRules.normalizedReason("   ", for: .accepted) == nil)
        let long = String(repeating: "ê", count: AnswerRules.maximumReasonLength + 1)
        #expect(throws: AnswerRefusal.reasonTooLong(characters: long.count)) {
            try AnswerRules.normalizedReason(long, for: .accepted)
        }
    }

    @Test func acceptanceThenProgressIsQueuedInOrderAndNothingGoesBackOrRepeats() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let id = try #require(try receivedDocument(in: store).id)
        #expect(
            refusal { try store.queueAnswer(documentId: id, code: .assigned, reason: nil, origin: "t") }
                == .notAcceptedYet(asked: .assigned))
        try store.queueAnswer(documentId: id, code: .accepted, reason: nil, origin: "t")
        try store.queueAnswer(documentId: id, code: .assigned, reason: nil, origin: "t")
        try store.queueAnswer(documentId: id, code: .completed, reason: "xong", origin: "t")
        #expect(
            refusal { try store.queueAnswer(documentId: id, code: .accepted, reason: nil, origin: "t") }
                == .alreadyAnswered(.accepted, .queued))
        #expect(
            refusal { try store.queueAnswer(documentId: id, code: .processing, reason: nil, origin: "t") }
                == .laterStatusExists(asked: .processing, later: .completed))
        #expect(
            refusal { try store.queueAnswer(documentId: id, code: .rejected, reason: "muộn", origin: "t") }
                == .alreadyAccepted(by: .accepted))
        #expect(try store.answers(of: id).map(\.code) == [.accepted, .assigned, .completed])
        #expect(try store.answers(of: id).last?.reason == "xong")
    }

    @Test func aRejectedDocumentTakesNoFurtherStatus() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let id = try #require(try receivedDocument(in: store).id)
        try store.queueAnswer(documentId: id, code: .rejected, reason: "sai nơi nhận", origin: "t")
        #expect(
            refusal { try store.queueAnswer(documentId: id, code: .accepted, reason: nil, origin: "t") }
                == .alreadyRejected(asked: .accepted))
        #expect(
            refusal { try store.queueAnswer(documentId: id, code: .completed, reason: nil, origin: "t") }
                == .alreadyRejected(asked: .completed))
        #expect(
            refusal { try store.queueAnswer(documentId: id, code: .rejected, reason: "lần hai", origin: "t") }
                == .alreadyAnswered(.rejected, .queued))
        // The refusal explains itself in both languages.
        let message = AnswerRefusal.alreadyRejected(asked: .accepted)
        #expect(message.description.contains("rejected (02)") && message.vietnamese.contains("từ chối (02)"))
    }

    @Test func fifteenAndSixteenAnswerOnlyRequestsAndExcludeEachOther() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let ordinary = try #require(try receivedDocument(in: store).id)
        #expect(
            refusal { try store.queueAnswer(documentId: ordinary, code: .requestAgreed, reason: nil, origin: "t") }
                == .notARequest(ordinary, .requestAgreed))
        let revoke = try #require(try receivedDocument(in: store, businessDocType: "1").id)
        #expect(
            refusal { try store.queueAnswer(documentId: revoke, code: .requestRefused, reason: nil, origin: "t") }
                == .reasonRequired(.requestRefused))
        try store.queueAnswer(documentId: revoke, code: .requestAgreed, reason: nil, origin: "t")
        #expect(
            refusal { try store.queueAnswer(documentId: revoke, code: .requestRefused, reason: "không", origin: "t") }
                == .requestAlreadyAnswered(by: .requestAgreed))
    }

    @Test func onlyReceivedDeliveredDocumentsCanBeAnswered() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        #expect(
            refusal { try store.queueAnswer(documentId: 999, code: .accepted, reason: nil, origin: "t") }
                == .unknownDocument(999))
        let outbound = try #require(try store.insert(outboundDocument(), note: "found").id)
        #expect(
            refusal { try store.queueAnswer(documentId: outbound, code: .accepted, reason: nil, origin: "t") }
                == .notReceived(outbound))
        let listed = try #require(
            try store.insertInboundIfNew(
                DocumentRecord(direction: .inbound, agency: "A", fileName: "", axisDocId: "l1"), note: "listed"
            ).0.id)
        #expect(
            refusal { try store.queueAnswer(documentId: listed, code: .accepted, reason: nil, origin: "t") }
                == .notDelivered(listed))
        let status = try #require(
            try store.insertInboundIfNew(
                DocumentRecord(direction: .inbound, agency: "A", messageType: "status", fileName: "", axisDocId: "s1"),
                note: "listed"
            ).0.id)
        #expect(
            refusal { try store.queueAnswer(documentId: status, code: .accepted, reason: nil, origin: "t") }
                == .statusMessage(status))
        let quarantined = try #require(
            try store.insertInboundIfNew(
                DocumentRecord(direction: .inbound, agency: "A", fileName: "", axisDocId: "q1"), note: "listed"
            ).0.id)
        try store.transition(quarantined, to: .quarantined, note: "bad")
        #expect(
            refusal { try store.queueAnswer(documentId: quarantined, code: .accepted, reason: nil, origin: "t") }
                == .quarantined(quarantined))
        #expect(try store.answers(of: listed).isEmpty)
    }

    @Test func answersAreDueOnlyOnceTheDocumentIsAcknowledgedAndTheirRetryTimeHasCome() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let document = try receivedDocument(in: store, acknowledged: false)
        let id = try #require(document.id)
        let answer = try store.queueAnswer(documentId: id, code: .accepted, reason: nil, origin: "t")
        let answerId = try #require(answer.id)
        #expect(try store.dueAnswers(agency: "000.00.00.H26").isEmpty, "status 01 must go first")
        try store.transition(id, to: .acknowledged, note: "ack")
        #expect(try store.dueAnswers(agency: "000.00.00.H26").map(\.id) == [answerId])
        #expect(try store.dueAnswers(agency: "000.00.00.H41").isEmpty)

        let now = Date()
        try store.recordAnswerAttemptFailed(answerId, error: "HTTP 503", retryAt: now.addingTimeInterval(60), now: now)
        #expect(try store.dueAnswers(agency: "000.00.00.H26", now: now).isEmpty)
        #expect(try store.document(id)?.lastError?.contains("HTTP 503") == true, "status shows the failure")
        let due = try store.dueAnswers(agency: "000.00.00.H26", now: now.addingTimeInterval(61))
        #expect(due.first?.attempts == 1)

        let sent = try store.markAnswerSent(answerId, statusDocId: "st-1")
        #expect(sent.state == .sent && sent.sentAt != nil && sent.statusDocId == "st-1")
        #expect(try store.document(id)?.lastError == nil, "a sent answer clears the document's error")
        #expect(try store.dueAnswers(agency: "000.00.00.H26", now: now.addingTimeInterval(3600)).isEmpty)
        #expect(throws: StateStoreError.self) { try store.markAnswerSent(answerId, statusDocId: "st-2") }
        let history = try store.events(of: id).map(\.message)
        #expect(history.contains { $0.contains("status 03 (accepted and registered) queued by t") })
        #expect(history.contains { $0.contains("status 03 (accepted and registered) sent: DocId st-1") })
    }

    @Test func aFailedAnswerStaysInTheHistoryAndMayBeAskedAgain() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let id = try #require(try receivedDocument(in: store).id)
        let first = try #require(try store.queueAnswer(documentId: id, code: .accepted, reason: nil, origin: "t").id)
        let failed = try store.markAnswerFailed(first, error: "Khong tim thay don vi nhan")
        #expect(failed.state == .failed && failed.lastError == "Khong tim thay don vi nhan")
        #expect(try store.document(id)?.lastError == "status 03 failed: Khong tim thay don vi nhan")
        #expect(throws: StateStoreError.self) {
            try store.recordAnswerAttemptFailed(first, error: "x", retryAt: Date())
        }
        let again = try store.queueAnswer(documentId: id, code: .accepted, reason: nil, origin: "t")
        #expect(again.state == .queued)
        #expect(try store.answers(of: id).map(\.state) == [.failed, .queued])
    }

    @Test func recentlyDeliveredFoldersAndDocumentIdLookUpFindReceivedDocumentsOnly() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let old = try receivedDocument(in: store, edxmlDocumentId: "H41,2026/11/20,12/UBND", folder: "/in/a")
        let newer = try receivedDocument(in: store, edxmlDocumentId: "H41,2026/11/21,13/UBND", folder: "/in/b")
        _ = try receivedDocument(in: store, folder: nil)
        let folders = try store.recentlyDelivered(agency: "000.00.00.H26", since: .distantPast, limit: 10)
        #expect(folders.map(\.destinationPath) == ["/in/b", "/in/a"])
        #expect(try store.recentlyDelivered(agency: "000.00.00.H26", since: .distantPast, limit: 1).count == 1)
        #expect(
            try store.recentlyDelivered(agency: "000.00.00.H26", since: Date().addingTimeInterval(60), limit: 9)
                .isEmpty)
        #expect(try store.inbound(edxmlDocumentId: "H41,2026/11/20,12/UBND", agency: "000.00.00.H26")?.id == old.id)
        #expect(
            try store.inbound(
                edxmlDocumentId: "H41,2026/11/21,13/UBND", agency: "000.00.00.H26",
                excluding: newer.id) == nil)
        #expect(try store.inbound(edxmlDocumentId: "H41,2026/11/20,12/UBND", agency: "other") == nil)
    }

    @Test func theSameCodeCannotBeQueuedTwiceEvenByConcurrentCallers() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let id = try #require(try receivedDocument(in: store).id)
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (try? store.queueAnswer(documentId: id, code: .accepted, reason: nil, origin: "t")) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1)
        #expect(try store.answers(of: id).count == 1)
    }
}
