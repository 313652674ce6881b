import AxisProtocol
import AxisSimulator
import EdXML
import Foundation
import Testing

/// The axis serves recipients the stored envelope plus one TraceHeader, and keeps the original untouched.
@Suite("Trace headers")
struct TraceHeaderTests {
    /// A fresh directory for parsed attachments, removed by `remove()`.
    struct Workspace {
        let directory: URL
        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("axis-trace-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        func remove() { try? FileManager.default.removeItem(at: directory) }

        /// Writes `bytes` and parses them with EdXMLReader, attachments into their own subdirectory.
        func parse(_ bytes: [UInt8], as name: String) throws -> (EdXMLMessage, [[UInt8]]) {
            let file = directory.appendingPathComponent("\(name).edxml")
            try Data(bytes).write(to: file)
            let attachments = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: attachments, withIntermediateDirectories: true)
            let message = try EdXMLReader().read(from: file.path, attachmentDirectory: attachments.path)
            let contents = try message.attachments.map {
                Array(try Data(contentsOf: URL(fileURLWithPath: $0.filePath)))
            }
            return (message, contents)
        }
    }

    static func download(_ axis: TestAxis, _ docId: String, credentials: AxisCredentials = TestAxis.saas)
        throws -> [UInt8]
    {
        let reply = try axis.call(.downloadEdoc, parameters: [("docId", docId)], credentials: credentials)
        #expect(reply.status == 200)
        #expect(reply.headers["content-length"] == String(reply.body.count))
        return reply.body
    }

    static func isTraceTimestamp(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.wholeMatch(of: /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/) != nil
    }

    /// Sends `envelope`, downloads it, and checks: it parses, has exactly one more TraceHeader (the axis's, last),
    /// the same attachments byte for byte, and the stored file is still the original.
    static func checkServedCopy(
        of envelope: [UInt8], from sender: String, messageType: String = "edoc", sender credentials: AxisCredentials,
        recipient: AxisCredentials, expectedOrganId: String, axis: TestAxis
    ) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let reply = try axis.send(envelope, from: sender, messageType: messageType, credentials: credentials)
        let docId = try #require(reply.json["DocId"] as? String, "sendEdoc failed: \(reply.text)")

        let served = try download(axis, docId, credentials: recipient)
        let (original, originalAttachments) = try workspace.parse(envelope, as: "original")
        let (traced, tracedAttachments) = try workspace.parse(served, as: "served")
        #expect(traced.traces.count == original.traces.count + 1)
        #expect(Array(traced.traces.dropLast()) == original.traces)
        #expect(traced.traces.last?.organId == expectedOrganId)
        #expect(isTraceTimestamp(traced.traces.last?.timestamp))
        #expect(traced.header == original.header)
        #expect(traced.business == original.business)
        #expect(tracedAttachments == originalAttachments)
        #expect(served.count > envelope.count)

        let stored = axis.directory.appendingPathComponent("data/envelopes/\(docId).edxml")
        #expect(Array(try Data(contentsOf: stored)) == envelope)
        let getEdoc = try axis.call(.getEdoc, parameters: [("docId", docId)], credentials: recipient)
        let base64 = try #require(getEdoc.json["data"] as? String)
        #expect(Data(base64Encoded: base64).map(Array.init) == served)
        #expect(try download(axis, docId, credentials: recipient) == served)
    }

    @Test func realDocumentWithATraceListGetsOneMoreTraceHeaderAndIdenticalAttachments() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let envelope = try TestEnvelopes.realDocument()
        let (original, attachments) = try {
            let workspace = try Workspace()
            defer { workspace.remove() }
            return try workspace.parse(envelope, as: "probe")
        }()
        #expect(original.traces.count == 2)
        #expect(!attachments.isEmpty)
        try Self.checkServedCopy(
            of: envelope, from: "vxp.saas.03", sender: TestAxis.saas, recipient: TestAxis.saas,
            expectedOrganId: "vxp.saas.03", axis: axis)
    }

    @Test func statusMessageWithoutATraceListGetsANewList() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let envelope = try TestEnvelopes.realStatus()
        #expect(!String(decoding: envelope, as: UTF8.self).contains("TraceHeaderList"))
        try Self.checkServedCopy(
            of: envelope, from: TestAxis.ngheAnCode, messageType: "status", sender: TestAxis.ngheAn,
            recipient: TestAxis.government, expectedOrganId: TestAxis.ngheAnCode, axis: axis)
    }

    @Test func selfClosingTraceListIsOpenedAndAMultiMegabyteAttachmentSurvives() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let payload = Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }).base64EncodedString()
        let envelope = TestEnvelopes.document(
            from: "vxp.saas.03", to: [TestAxis.ngheAnCode], attachmentBase64: payload)
        #expect(String(decoding: envelope, as: UTF8.self).contains("<edXML:TraceHeaderList/>"))
        try Self.checkServedCopy(
            of: envelope, from: "vxp.saas.03", sender: TestAxis.saas, recipient: TestAxis.ngheAn,
            expectedOrganId: "vxp.saas.03", axis: axis)
    }

    @Test func newTraceHeaderGoesBeforeTheBussinessBlockAsTheSchemaOrdersThem() throws {
        let axis = try TestAxis(extraAgencies: ["000.00.00.H14", "000.00.00.G17"])
        defer { axis.shutdown() }
        let envelope = try TestEnvelopes.sample("edoc_update.edxml")
        try Self.checkServedCopy(
            of: envelope, from: TestAxis.governmentCode, sender: TestAxis.government, recipient: TestAxis.ngheAn,
            expectedOrganId: TestAxis.governmentCode, axis: axis)
        let docId = try #require(try axis.received(TestAxis.ngheAn).first?["docId"] as? String)
        let served = String(decoding: try Self.download(axis, docId, credentials: TestAxis.ngheAn), as: UTF8.self)
        let added = try #require(served.range(of: "<edXML:TraceHeader><edXML:OrganId>\(TestAxis.governmentCode)"))
        let business = try #require(served.range(of: "<edXML:Bussiness>"))
        #expect(added.lowerBound < business.lowerBound)
    }

    @Test func endTagsInsideCommentsAndAttributesAreNotTakenForTheInsertionPoint() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        var text = String(
            decoding: TestEnvelopes.document(from: "vxp.saas.03", to: [TestAxis.ngheAnCode]), as: UTF8.self)
        text = text.replacingOccurrences(
            of: "<edXML:Content>Noi dung</edXML:Content>",
            with: "<edXML:Content note=\"a > b\" other='/>'>Noi dung</edXML:Content>"
                + "<!-- </edXML:MessageHeader><edXML:TraceHeaderList/> -->"
                + "<![CDATA[</edXML:MessageHeader>]]>")
        let envelope = Array(text.utf8)
        try Self.checkServedCopy(
            of: envelope, from: "vxp.saas.03", sender: TestAxis.saas, recipient: TestAxis.ngheAn,
            expectedOrganId: "vxp.saas.03", axis: axis)
        let docId = try #require(try axis.received(TestAxis.ngheAn).first?["docId"] as? String)
        let served = String(decoding: try Self.download(axis, docId, credentials: TestAxis.ngheAn), as: UTF8.self)
        #expect(served.contains("<!-- </edXML:MessageHeader><edXML:TraceHeaderList/> -->"))
    }

    @Test func traceOrganIdFromTheConfigurationIsUsedAndDuplicatesAreCountedOnTheOriginal() throws {
        let axis = try TestAxis(traceOrganId: "000.00.00.VXP")
        defer { axis.shutdown() }
        let envelope = try TestEnvelopes.realDocument()
        try Self.checkServedCopy(
            of: envelope, from: "vxp.saas.03", sender: TestAxis.saas, recipient: TestAxis.saas,
            expectedOrganId: "000.00.00.VXP", axis: axis)
        _ = try axis.send(envelope, from: "vxp.saas.03")
        #expect(try axis.adminStats()["duplicate_documents"] as? Int == 1)
    }

    @Test func withAppendTraceHeaderOffTheStoredBytesAreServed() throws {
        let axis = try TestAxis(appendTraceHeader: false)
        defer { axis.shutdown() }
        let envelope = try TestEnvelopes.realStatus()
        let reply = try axis.send(
            envelope, from: TestAxis.ngheAnCode, messageType: "status", credentials: TestAxis.ngheAn)
        let docId = try #require(reply.json["DocId"] as? String)
        #expect(try Self.download(axis, docId, credentials: TestAxis.government) == envelope)
    }
}
