import AxisProtocol
import AxisSimulator
import Foundation
import Testing

@Suite("Axis methods")
struct AxisSimulatorMethodTests {
    @Test func sentDocumentIsListedForItsRecipientAndDownloadsByteIdenticalWithoutTraceHeaders() throws {
        let axis = try TestAxis(appendTraceHeader: false)
        defer { axis.shutdown() }
        let envelope = try TestEnvelopes.realDocument()

        let reply = try axis.send(envelope, from: "vxp.saas.03")
        #expect(reply.status == 200)
        #expect(reply.json["status"] as? String == "OK")
        #expect(reply.json["ErrorCode"] as? String == "0")
        let docId = try #require(reply.json["DocId"] as? String)
        #expect(!docId.isEmpty && docId != "0")

        let listed = try axis.received()
        #expect(listed.count == 1)
        #expect(listed.first?["docId"] as? String == docId)
        #expect(listed.first?["from"] as? String == "vxp.saas.03")
        #expect(listed.first?["to"] as? String == "vxp.saas.03")
        #expect(listed.first?["messageType"] as? String == "edoc")

        let download = try axis.call(.downloadEdoc, parameters: [("docId", docId)])
        #expect(download.status == 200)
        #expect(download.body == envelope)

        let getEdoc = try axis.call(.getEdoc, parameters: [("docId", docId)])
        #expect(getEdoc.json["status"] as? String == "OK")
        let base64 = try #require(getEdoc.json["data"] as? String)
        #expect(Data(base64Encoded: base64).map(Array.init) == envelope)
    }

    @Test func updateStatusDoneRemovesTheDocumentFromTheListAndRepeatingItIsHarmless() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let docId = try #require(
            try axis.send(try TestEnvelopes.realDocument(), from: "vxp.saas.03")
                .json["DocId"] as? String)

        let processing = try axis.call(.updateStatus, parameters: [("docId", docId), ("status", "processing")])
        #expect(processing.json["status"] as? String == "OK")
        #expect(try axis.received().count == 1)

        let done = try axis.call(.updateStatus, parameters: [("docId", docId), ("status", "done")])
        #expect(done.json["status"] as? String == "OK")
        #expect(try axis.received().isEmpty)

        let again = try axis.call(.updateStatus, parameters: [("docId", docId), ("status", "done")])
        #expect(again.json["status"] as? String == "OK")
        #expect(try axis.received().isEmpty)
    }

    @Test func updateStatusOfAnUnknownDocIdFails() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let reply = try axis.call(.updateStatus, parameters: [("docId", "no-such-doc"), ("status", "done")])
        #expect(reply.status == 200)
        #expect(reply.json["status"] as? String == "FAIL")
        #expect((reply.json["ErrorDesc"] as? String)?.contains("no-such-doc") == true)
    }

    @Test func statusMessageIsRoutedToTheResponseForAgency() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let status = try TestEnvelopes.realStatus()
        let reply = try axis.send(
            status, from: TestAxis.ngheAnCode, messageType: "status", credentials: TestAxis.ngheAn)
        #expect(reply.json["status"] as? String == "OK")
        let docId = try #require(reply.json["DocId"] as? String)

        let forGovernment = try axis.received(TestAxis.government, messageType: "status")
        #expect(forGovernment.map { $0["docId"] as? String } == [docId])
        #expect(forGovernment.first?["to"] as? String == TestAxis.governmentCode)
        #expect(try axis.received(TestAxis.government, messageType: "edoc").isEmpty)
        #expect(try axis.received(TestAxis.ngheAn, messageType: "status").isEmpty)

        let count = try axis.call(.countReceiveStatus, credentials: TestAxis.government)
        #expect(count.json["count"] as? Int == 1)
    }

    @Test func documentWithSeveralRecipientsIsStoredOnceAndQueuedForEach() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let envelope = TestEnvelopes.document(
            from: TestAxis.ngheAnCode, to: [TestAxis.governmentCode, "vxp.saas.03"])
        let reply = try axis.send(envelope, from: TestAxis.ngheAnCode, credentials: TestAxis.ngheAn)
        let docId = try #require(reply.json["DocId"] as? String)
        #expect(try axis.received(TestAxis.government).map { $0["docId"] as? String } == [docId])
        #expect(try axis.received(TestAxis.saas).map { $0["docId"] as? String } == [docId])

        let sent = try axis.call(
            .getSentEdocList, parameters: [("servicetype", "eDoc"), ("messagetype", "edoc"), ("docId", docId)],
            credentials: TestAxis.ngheAn)
        let items = sent.json["data"] as? [[String: Any]] ?? []
        #expect(Set(items.compactMap { $0["toCode"] as? String }) == [TestAxis.governmentCode, "vxp.saas.03"])
        #expect(
            items.allSatisfy {
                $0["senderDocId"] as? String == docId && $0["fromCode"] as? String == TestAxis.ngheAnCode
            })

        let stats = try axis.adminStats()
        #expect(stats["documents_stored"] as? Int == 1)
        #expect((stats["documents_by_recipient"] as? [String: Int])?[TestAxis.governmentCode] == 1)
    }

    /// `clock_offset` plays an axis whose clock or zone is not ours: every time it reports moves, in both lists.
    @Test(arguments: [-7 * 3600, 8 * 3600])
    func clockOffsetShiftsTheTimesTheListsReport(_ offset: Int) throws {
        let axis = try TestAxis(clockOffsetSeconds: offset)
        defer { axis.shutdown() }
        let envelope = TestEnvelopes.document(from: TestAxis.ngheAnCode, to: [TestAxis.governmentCode])
        _ = try axis.send(envelope, from: TestAxis.ngheAnCode, credentials: TestAxis.ngheAn)
        let sent = try axis.call(
            .getSentEdocList, parameters: [("servicetype", "eDoc"), ("messagetype", "edoc")],
            credentials: TestAxis.ngheAn)
        let sentTime = try #require((sent.json["data"] as? [[String: Any]])?.first?["sentTime"] as? String)
        let createdTime = try #require(try axis.received(TestAxis.government).first?["created_time"] as? String)

        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let expected = Date().addingTimeInterval(TimeInterval(offset))
        for reported in [sentTime, createdTime] {
            let time = try #require(formatter.date(from: reported), "\(reported)")
            #expect(abs(time.timeIntervalSince(expected)) < 120, "\(reported) is not shifted by \(offset) s")
        }
    }

    @Test func agenciesListReturnsTheConfiguredAgencies() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let reply = try axis.call(.getAgenciesList)
        let codes = (reply.json["data"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes == ["vxp.saas.03", TestAxis.ngheAnCode, TestAxis.governmentCode])
        #expect(
            try AgencyItem.parseList(reply.body).first { $0.code == TestAxis.ngheAnCode }?.mail == "nghean@example.vn")
    }

    @Test func queueSurvivesARestartOnTheSameDataDirectory() throws {
        let first = try TestAxis()
        defer { first.removeDirectory() }
        let docId = try #require(
            try first.send(try TestEnvelopes.realDocument(), from: "vxp.saas.03")
                .json["DocId"] as? String)
        first.shutdown(keepData: true)

        let second = try TestAxis(directory: first.directory, appendTraceHeader: false)
        defer { second.shutdown() }
        #expect(try second.received().map { $0["docId"] as? String } == [docId])
        let download = try second.call(.downloadEdoc, parameters: [("docId", docId)])
        #expect(download.body == (try TestEnvelopes.realDocument()))
    }

    @Test func chunkedUploadIsStoredLikeAContentLengthOne() throws {
        let axis = try TestAxis(appendTraceHeader: false)
        defer { axis.shutdown() }
        let envelope = try TestEnvelopes.realDocument()
        let reply = try axis.send(envelope, from: "vxp.saas.03", chunkSizes: [1, 7, 4096, 333])
        let docId = try #require(reply.json["DocId"] as? String)
        #expect(try axis.call(.downloadEdoc, parameters: [("docId", docId)]).body == envelope)
    }

    @Test func aTrailingCRLFCountedInContentLengthIsNotStored() throws {
        let axis = try TestAxis(appendTraceHeader: false)
        defer { axis.shutdown() }
        let envelope = try TestEnvelopes.realDocument()
        let hash = HashFile.value(ofBytes: envelope)
        let reply = try axis.call(
            .sendEdoc,
            parameters: [
                ("from", "vxp.saas.03"), ("servicetype", "eDoc"), ("messagetype", "edoc"), ("hash-file", hash),
            ],
            body: envelope + [13, 10])
        let docId = try #require(reply.json["DocId"] as? String)
        #expect(try axis.call(.downloadEdoc, parameters: [("docId", docId)]).body == envelope)
    }
}
