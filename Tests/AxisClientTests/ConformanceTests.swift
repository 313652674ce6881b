import AxisClient
import AxisProtocol
import EdXML
import Foundation
import Testing

/// Every real sample goes through the client to an in-process `lienthong-axis` and comes back byte-identical, by
/// downloadEdoc and by getEdoc, to the recipient. The simulator is configured from the samples themselves: one
/// system per agency code (allowed to send for exactly that code), so every sender can send and every recipient
/// can fetch. The simulator's TraceHeader is turned off here, so what it serves is exactly what it stored.
@Suite struct ConformanceTests {
    struct Sample: Sendable, CustomStringConvertible {
        let name: String
        let sender: String
        let recipients: [String]
        let messageType: AxisMessageType
        var description: String { name }
    }

    /// The two dirty samples of the fixtures README are not refused by the axis: it routes on the header only.
    /// `edoc_new.edxml` (stray `1212` before `<?xml`) is read with a warning; `edoc.edxml` has a sound header, and
    /// its undeclared `xlink:` prefix and placeholder attachment (`$…`, not base64) lie in parts the axis never
    /// reads. Both must travel byte for byte; recipients meet the damage when they read the whole envelope.
    @Test func theDirtySamplesAreReadableAsFarAsTheAxisReadsThem() throws {
        let stray = try EdXMLReader().readHeader(from: Fixtures.path("edoc_new.edxml"))
        #expect(!stray.warnings.isEmpty, "the stray bytes before <?xml should be reported")
        let xlink = try EdXMLReader().readHeader(from: Fixtures.path("edoc.edxml"))
        #expect(!xlink.recipientIds.isEmpty)
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        #expect(throws: EdXMLError.self) {
            try EdXMLReader().read(from: Fixtures.path("edoc.edxml"), attachmentDirectory: scratch.url.path)
        }
    }

    static func systemId(for code: String) -> String { "sys." + code }

    static func samples() throws -> [Sample] {
        try Fixtures.sampleNames().map { name in
            let message = try EdXMLReader().readHeader(from: Fixtures.path(name))
            return Sample(
                name: name, sender: message.senderId, recipients: message.recipientIds,
                messageType: message.kind == .status ? .status : .edoc)
        }
    }

    static func harness(for samples: [Sample]) throws -> SimulatorHarness {
        var systems: [String: [String]] = [:]
        for code in samples.flatMap({ [$0.sender] + $0.recipients }) { systems[systemId(for: code)] = [code] }
        return try SimulatorHarness(systems: systems)
    }

    @Test func everySampleIsSentAndFetchedBackByteIdenticalByDownloadEdocAndGetEdoc() async throws {
        let samples = try Self.samples()
        #expect(samples.count == 18, "the published set has 18 samples: \(samples.map(\.name))")
        let axis = try Self.harness(for: samples)
        defer { axis.shutdown() }
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }

        for sample in samples {
            let original = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(sample.name))))
            let sender = try axis.client(Self.systemId(for: sample.sender))
            let docId = try await sender.sendEdoc(
                from: sample.sender, messageType: sample.messageType, envelopePath: Fixtures.path(sample.name))
            let stored = try axis.storedEnvelope(docId)
            #expect(stored == original, "\(sample.name): the axis stored other bytes than the sample's")

            let recipient = try #require(sample.recipients.first, "\(sample.name) has no recipient")
            let receiver = try axis.client(Self.systemId(for: recipient))
            let listed = try await receiver.getReceivedEdocList(messageType: sample.messageType)
            #expect(listed.contains { $0.docId == docId && $0.from == sample.sender }, "\(sample.name) not listed")

            let downloaded = scratch.path("\(sample.name).download")
            let downloadedSize = try await receiver.downloadEdoc(docId: docId, to: downloaded)
            let fetchedByGet = scratch.path("\(sample.name).getEdoc")
            let getSize = try await receiver.getEdoc(docId: docId, to: fetchedByGet)
            for (label, path, size) in [
                ("downloadEdoc", downloaded, downloadedSize), ("getEdoc", fetchedByGet, getSize),
            ] {
                let fetched = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                #expect(size == Int64(stored.count), "\(sample.name) by \(label): size \(size) of \(stored.count)")
                #expect(fetched == stored, "\(sample.name) by \(label): bytes differ from what the axis stored")
            }
            try await receiver.updateStatus(docId: docId, status: .done)
            let after = try await receiver.getReceivedEdocList(messageType: sample.messageType)
            #expect(!after.contains { $0.docId == docId }, "\(sample.name) still listed after done")
        }
    }

    /// With the axis's TraceHeader on (as the real axis does), the served envelope differs from the stored one by
    /// exactly one TraceHeader: every attachment decodes to the same bytes, and both fetch methods serve the same
    /// bytes. Samples whose attachments are not readable (edoc.edxml) are covered by the byte-identical test above.
    @Test func withTheTraceHeaderOnAttachmentsArriveUnchangedAndOneTraceHeaderIsAdded() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        var readable: [(sample: Sample, message: EdXMLMessage)] = []
        for sample in try Self.samples() {
            let directory = scratch.path("original-\(sample.name)")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if let message = try? EdXMLReader().read(from: Fixtures.path(sample.name), attachmentDirectory: directory) {
                readable.append((sample, message))
            }
        }
        #expect(readable.count == 17, "every sample but edoc.edxml should be fully readable")
        var systems: [String: [String]] = [:]
        for code in readable.flatMap({ [$0.sample.sender] + $0.sample.recipients }) {
            systems[Self.systemId(for: code)] = [code]
        }
        let axis = try SimulatorHarness(systems: systems, appendTraceHeader: true)
        defer { axis.shutdown() }

        for (sample, original) in readable {
            let sender = try axis.client(Self.systemId(for: sample.sender))
            let docId = try await sender.sendEdoc(
                from: sample.sender, messageType: sample.messageType, envelopePath: Fixtures.path(sample.name))
            let receiver = try axis.client(Self.systemId(for: try #require(sample.recipients.first)))
            let downloaded = scratch.path("\(sample.name).download")
            let fetchedByGet = scratch.path("\(sample.name).getEdoc")
            try await receiver.downloadEdoc(docId: docId, to: downloaded)
            try await receiver.getEdoc(docId: docId, to: fetchedByGet)
            let downloadedBytes = try Data(contentsOf: URL(fileURLWithPath: downloaded))
            #expect(downloadedBytes == (try Data(contentsOf: URL(fileURLWithPath: fetchedByGet))), "\(sample.name)")

            let directory = scratch.path("served-\(sample.name)")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let served = try EdXMLReader().read(from: downloaded, attachmentDirectory: directory)
            #expect(served.traces.count == original.traces.count + 1, "\(sample.name): traces \(served.traces.count)")
            #expect(served.attachments.count == original.attachments.count, "\(sample.name)")
            for (before, after) in zip(original.attachments, served.attachments) {
                #expect(after.attachmentName == before.attachmentName)
                #expect(
                    try Data(contentsOf: URL(fileURLWithPath: after.filePath))
                        == Data(contentsOf: URL(fileURLWithPath: before.filePath)),
                    "\(sample.name): attachment \(before.attachmentName ?? "?") changed in transit")
            }
        }
    }

    /// A multi-MiB envelope goes through the simulator's streamed getEdoc reply and the client's streaming decoder and
    /// comes back byte-identical to what the axis stored, and to what downloadEdoc serves.
    @Test func aMultiMiBDocumentComesBackByteIdenticalByGetEdoc() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let (sender, recipient) = ("000.00.00.H41", "000.00.00.G22")
        let attachment = try scratch.write("big.bin", TestSupport.documentBytes(count: (5 << 20) + 1))
        let envelope = scratch.path("big.edxml")
        try EdXMLWriter().writeDocument(
            header: DocumentHeader(
                from: Organization(organId: sender, organName: "UBND Tinh Nghe An"),
                to: [Organization(organId: recipient, organName: "Van phong Chinh phu")],
                documentId: "\(sender),2026/11/25,9/BIG", code: .init(codeNumber: "9", codeNotation: "BIG"),
                promulgationInfo: .init(place: "Nghe An", promulgationDate: "2026/11/25"), subject: "A big one"),
            traces: [], business: nil,
            attachments: [OutgoingAttachment(name: "big.bin", contentType: "application/pdf", sourcePath: attachment)],
            to: envelope)
        let axis = try SimulatorHarness(systems: ["sys.sender": [sender], "sys.recipient": [recipient]])
        defer { axis.shutdown() }
        let docId = try await axis.client("sys.sender").sendEdoc(
            from: sender, messageType: .edoc, envelopePath: envelope)
        let stored = try axis.storedEnvelope(docId)
        #expect(stored.count > 6 << 20)
        let receiver = try axis.client("sys.recipient")
        let fetched = scratch.path("fetched.edxml")
        #expect(try await receiver.getEdoc(docId: docId, to: fetched) == Int64(stored.count))
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: fetched))) == stored)
    }

    /// A `hash-file` known from packaging is sent as given, without reading the file for it: the right one stores
    /// the document, one that is not the file's is refused (permanently) and stores nothing.
    @Test func aKnownHashFileIsSentAsGivenAndAWrongOneIsRefused() async throws {
        let axis = try SimulatorHarness(systems: ["sys.sender": ["000.00.00.H41"], "sys.g22": ["000.00.00.G22"]])
        defer { axis.shutdown() }
        let sender = try axis.client("sys.sender")
        let envelope = Fixtures.path("status_finish_06.edxml")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: envelope)))

        let docId = try await sender.sendEdoc(
            from: "000.00.00.H41", messageType: .status, envelopePath: envelope,
            hashFile: HashFile.value(ofBytes: bytes))
        #expect(try axis.storedEnvelope(docId) == bytes)

        let error = try #require(
            await TestSupport.axisError {
                try await sender.sendEdoc(
                    from: "000.00.00.H41", messageType: .status, envelopePath: envelope,
                    hashFile: HashFile.value(ofBytes: bytes + [0x0a]))
            })
        #expect(error.failureClass == .permanent)
        #expect(
            error.kind
                == .fail(
                    errorCode: AxisErrorCode.hashMismatch,
                    errorDescription: AxisRejection.hashMismatch.reply.errorDescription))
        #expect(try await sender.getSentEdocList(messageType: .status, docId: "").map(\.senderDocId) == [docId])
    }

    /// The simulator's FAIL for a document the caller cannot see is permanent and leaves no file behind.
    @Test func getEdocOfAnUnknownDocumentIsAPermanentFailAndLeavesNoFile() async throws {
        let axis = try SimulatorHarness(systems: ["sys.recipient": ["000.00.00.G22"]])
        defer { axis.shutdown() }
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let receiver = try axis.client("sys.recipient")
        let error = try #require(
            await TestSupport.axisError {
                try await receiver.getEdoc(docId: "no-such-doc", to: scratch.path("fetched.edxml"))
            })
        #expect(
            error.kind
                == .fail(
                    errorCode: AxisErrorCode.documentNotFound,
                    errorDescription: AxisRejection.documentNotFound("no-such-doc").reply.errorDescription))
        #expect(error.failureClass == .permanent)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
    }

    /// After a lost sendEdoc reply the DocId is unknown, so getSentEdocList is called with an empty docId. The
    /// empty value is signed and must arrive as an empty header (libcurl drops `Name:` lines), or the axis refuses
    /// the call as missing a parameter.
    @Test func getSentEdocListWithAnEmptyDocIdListsEverythingWeSent() async throws {
        let axis = try SimulatorHarness(systems: ["sys.sender": ["000.00.00.H41"], "sys.g22": ["000.00.00.G22"]])
        defer { axis.shutdown() }
        let sender = try axis.client("sys.sender")
        let envelope = Fixtures.path("status_finish_06.edxml")
        let first = try await sender.sendEdoc(from: "000.00.00.H41", messageType: .status, envelopePath: envelope)
        let second = try await sender.sendEdoc(from: "000.00.00.H41", messageType: .status, envelopePath: envelope)
        let listed = try await sender.getSentEdocList(messageType: .status, docId: "")
        #expect(Set(listed.map(\.senderDocId)) == [first, second], "\(listed)")
        #expect(listed.allSatisfy { $0.fromCode == "000.00.00.H41" && $0.toCode == "000.00.00.G22" })
        let one = try await sender.getSentEdocList(messageType: .status, docId: first)
        #expect(one.map(\.senderDocId) == [first])
    }
}
