import CryptoPrimitives
import Foundation
import Testing

@testable import EdXML
@testable import SystemSupport

/// What the writer produces reads back to the same values, byte for byte for attachments.
@Suite struct EdXMLRoundTripTests {
    static let vietnamese = "Ủy ban nhân dân tỉnh Nghệ An: Văn bản điện tử, hỏa tốc"

    private func sampleHeader(text: String = vietnamese) -> DocumentHeader {
        DocumentHeader(
            from: Organization(
                organId: "000.00.00.H41", organizationInCharge: text, organName: "UBND <Tỉnh> & \"Nghệ An\"",
                organAdd: "Số 03, đường Trường Thi", email: "nghean@gov.vn", telephone: "0383 840418",
                fax: "", website: nil),
            to: [
                Organization(organId: "000.00.00.G22", organName: "Văn phòng Chính phủ"),
                Organization(organId: "000.46.24.H44"),
            ],
            documentId: "000.00.00.H41,2026/11/25,123/UBND-VX",
            code: .init(codeNumber: "123", codeNotation: "UBND-VX"),
            promulgationInfo: .init(place: "Nghệ An", promulgationDate: "2026/11/25"),
            documentType: .init(type: "1", typeDetail: "0", typeName: "Công văn"),
            subject: "V/v <thử> & 'kiểm tra' \"liên thông\" \(text)",
            content: "",
            signerInfo: .init(competence: "KT. CHỦ TỊCH", position: "Phó Chủ tịch", fullName: "Nguyễn Văn A"),
            dueDate: nil,
            toPlaces: ["Các sở, ban, ngành", "Lưu: VT"],
            otherInfo: .init(
                priority: "1", sphereOfPromulgation: "Liên thông văn bản quốc gia", typerNotation: "TVC",
                promulgationAmount: "2", pageAmount: "3", direction: "false", appendixes: ["Phụ lục I"]),
            responseFor: [
                ResponseFor(
                    organId: "000.00.00.G22", code: "7816/VPCP-TTĐT", promulgationDate: "2015/09/30",
                    documentId: "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT")
            ],
            steeringType: "0")
    }

    @Test func documentWithVietnameseInNFCAndNFDAndMarkupCharactersReadsBackEqual() throws {
        for text in [
            Self.vietnamese.precomposedStringWithCanonicalMapping,
            Self.vietnamese.decomposedStringWithCanonicalMapping,
        ] {
            let directory = try TemporaryDirectory()
            let header = sampleHeader(text: text)
            let traces = [TraceHeader(organId: "000.00.00.H41", timestamp: "2026/11/25 08:00:00")]
            let path = directory.file("out.edxml")
            try EdXMLWriter().writeDocument(header: header, traces: traces, business: nil, attachments: [], to: path)
            let message = try EdXMLReader().readHeader(from: path)
            #expect(message.document == header)
            #expect(message.traces == traces)
            #expect(message.business == .newDocument(documentId: header.documentId))
            #expect(message.warnings.isEmpty)
            let written = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(written.range(of: Data(text.utf8)) != nil, "the text is written in the form it was given")
        }
    }

    @Test func emptyAndAbsentOptionalFieldsStayDistinct() throws {
        let directory = try TemporaryDirectory()
        let header = DocumentHeader(from: Organization(organId: "000.00.00.H41", organName: ""), subject: "")
        let path = directory.file("min.edxml")
        try EdXMLWriter().writeDocument(header: header, traces: [], business: nil, attachments: [], to: path)
        let document = try #require(try EdXMLReader().readHeader(from: path).document)
        #expect(document == header)
        #expect(document.from.organName == "")
        #expect(document.from.email == nil)
        #expect(document.code == nil)
    }

    @Test func multiMegabyteAttachmentsRoundTripByteForByteAndLinkToTheManifest() throws {
        let directory = try TemporaryDirectory()
        var generator = SystemRandomNumberGenerator()
        let big = Data((0..<(3 * 1024 * 1024 + 1)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let small = Data("tệp nhỏ\n".utf8)
        try big.write(to: URL(fileURLWithPath: directory.file("big.pdf")))
        try small.write(to: URL(fileURLWithPath: directory.file("small.txt")))
        let attachments = [
            OutgoingAttachment(
                name: "Công văn 123_Signed.pdf", contentType: "application/pdf",
                description: "Bản ký số", sourcePath: directory.file("big.pdf"), contentId: "a1"),
            OutgoingAttachment(
                name: "ghi chú <1>.txt", contentType: "text/plain", sourcePath: directory.file("small.txt"),
                contentId: "cid:a2"),
        ]
        let path = directory.file("doc.edxml")
        try EdXMLWriter().writeDocument(
            header: sampleHeader(), traces: [], business: nil, attachments: attachments,
            to: path)
        let output = try directory.makeDirectory("attachments")
        let message = try EdXMLReader().read(from: path, attachmentDirectory: output)
        #expect(message.attachments.count == 2)
        #expect(message.attachments.map(\.attachmentName) == ["Công văn 123_Signed.pdf", "ghi chú <1>.txt"])
        #expect(message.attachments.map(\.contentId) == ["cid:a1", "cid:a2"])
        #expect(message.attachments.map(\.byteSize) == [Int64(big.count), Int64(small.count)])
        #expect(message.attachments[0].reference?.description == "Bản ký số")
        #expect(message.attachments[1].reference?.contentType == "text/plain")
        #expect(try Data(contentsOf: URL(fileURLWithPath: message.attachments[0].filePath)) == big)
        #expect(try Data(contentsOf: URL(fileURLWithPath: message.attachments[1].filePath)) == small)
        #expect(message.business?.docTypeKind == .new)
    }

    @Test func writtenLayoutMatchesTheSamples() throws {
        let directory = try TemporaryDirectory()
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory.file("a.bin")))
        let path = directory.file("doc.edxml")
        try EdXMLWriter().writeDocument(
            header: sampleHeader(), traces: [], business: nil,
            attachments: [
                OutgoingAttachment(
                    name: "a.bin", contentType: "application/octet-stream",
                    sourcePath: directory.file("a.bin"), contentId: "id1")
            ],
            to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let ns = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
        #expect(
            text.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<edXML xmlns=\"\(ns)\">\n"
                    + "  <edXML:edXMLEnvelope xmlns:edXML=\"\(ns)\">\n    <edXML:edXMLHeader>\n"
                    + "      <edXML:MessageHeader>\n"
            ))
        #expect(
            text.contains(
                "<edXML:Bussiness>\n          <edXML:DocumentId>000.00.00.H41,2026/11/25,123/UBND-VX"
                    + "</edXML:DocumentId>\n          <edXML:BussinessDocType>0</edXML:BussinessDocType>"))
        #expect(
            text.contains(
                "<edXML:edXMLManifest version=\"1.0\">\n        <edXML:Reference>\n"
                    + "          <edXML:ContentId>cid:id1</edXML:ContentId>"))
        #expect(
            text.contains(
                "</edXML:edXMLEnvelope>\n  <AttachmentEncoded>\n    <Attachment>\n"
                    + "      <ContentId>cid:id1</ContentId>"))
        #expect(
            text.contains("<edXML:ContentTransferEncoded xmlns:edXML=\"\(ns)\">eA==</edXML:ContentTransferEncoded>"))
        #expect(text.contains("&lt;thử&gt; &amp; 'kiểm tra' \"liên thông\""))
        #expect(text.hasSuffix("</edXML>\n"))
    }

    @Test func statusMessageRoundTripsWithoutBodyOrAttachments() throws {
        let directory = try TemporaryDirectory()
        let status = StatusHeader(
            from: Organization(organId: "000.00.00.H41", organName: "UBND Tỉnh Nghệ An"),
            responseFor: ResponseFor(
                organId: "000.00.00.G22", code: "7816/VPCP-TTĐT", promulgationDate: "2015/09/30",
                documentId: "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"),
            staffInfo: StaffInfo(department: "Văn thư", staff: "Nguyễn Thị B", mobile: nil, email: ""),
            statusCode: "02", description: "Từ chối: sai thẩm quyền & <không rõ>", timestamp: "2026/11/25 09:10:11")
        let path = directory.file("status.edxml")
        try EdXMLWriter().writeStatus(header: status, to: path)
        let message = try EdXMLReader().read(from: path, attachmentDirectory: directory.path)
        #expect(message.status == status)
        #expect(message.recipientIds == ["000.00.00.G22"])
        #expect(message.traces.isEmpty && message.attachments.isEmpty && message.references.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("edXMLBody") && !text.contains("AttachmentEncoded"))
    }

    @Test func aStatusMessageComposedInMemoryIsTheSameBytesAsTheOneWrittenToAFile() throws {
        let directory = try TemporaryDirectory()
        let header = try #require(try EdXMLReader().readHeader(from: Fixtures.path("status.edxml")).status)
        let trace = TraceHeader(organId: "000.00.00.G22", timestamp: "2026/12/07 23:59:59")
        let path = directory.file("status.edxml")
        try EdXMLWriter().writeStatus(header: header, traces: [trace], to: path)
        let composed = try EdXMLWriter().statusMessage(header: header, traces: [trace])
        #expect(composed == Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["status.edxml"])
        let escaped = StatusHeader(
            from: Organization(organId: "x"), responseFor: ResponseFor(), statusCode: "01", description: "a\u{1}b")
        #expect(throws: EdXMLError.self) { try EdXMLWriter().statusMessage(header: escaped) }
    }

    @Test func writerNeverOverwritesAndLeavesNoTempFileBehind() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("exists.edxml", "keep me")
        #expect(throws: EdXMLError.destinationExists(path: path)) {
            try EdXMLWriter().writeStatus(
                header: StatusHeader(
                    from: Organization(organId: "x"),
                    responseFor: ResponseFor(), statusCode: "01"), to: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["exists.edxml"])
    }

    @Test func aFailedWriteCarriesTheSystemErrorNamingTheFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("missing/status.edxml")
        let error = #expect(throws: EdXMLError.self) {
            try EdXMLWriter().writeStatus(
                header: StatusHeader(from: Organization(organId: "x"), responseFor: ResponseFor(), statusCode: "01"),
                to: path)
        }
        #expect(error?.systemError?.errno == ENOENT)
        #expect(error?.systemError?.isNoSpace == false)
        #expect(error?.description.contains(directory.file("missing")) == true)
    }

    /// Writes `files` (name, bytes) into `directory` and a document message carrying them to `doc.edxml` there;
    /// returns its path and what the writer returned.
    private func document(
        attaching files: [(name: String, bytes: [UInt8])], in directory: TemporaryDirectory
    ) throws -> (path: String, digest: Digest) {
        for file in files { try Data(file.bytes).write(to: URL(fileURLWithPath: directory.file(file.name))) }
        let path = directory.file("doc.edxml")
        let digest = try EdXMLWriter().writeDocument(
            header: sampleHeader(), traces: [], business: nil,
            attachments: files.map {
                OutgoingAttachment(name: $0.name, contentType: "text/plain", sourcePath: directory.file($0.name))
            }, to: path)
        return (path, digest)
    }

    @Test func theWriterReturnsTheSHA256OfTheBytesItWrote() throws {
        let directory = try TemporaryDirectory()
        let (document, written) = try self.document(
            attaching: [("a.pdf", (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })], in: directory)
        #expect(written == SHA256.hash(try Data(contentsOf: URL(fileURLWithPath: document))))

        let status = directory.file("status.edxml")
        let header = try EdXMLReader().readHeader(from: Fixtures.path("status.edxml")).status
        let statusWritten = try EdXMLWriter().writeStatus(header: try #require(header), to: status)
        #expect(statusWritten == SHA256.hash(try Data(contentsOf: URL(fileURLWithPath: status))))
        #expect(statusWritten != written)
    }

    @Test func aReadThatIsGivenSyncsLeavesItsFoldersOneSyncToTheCaller() throws {
        let directory = try TemporaryDirectory()
        let path = try document(
            attaching: [("a.txt", Array("một\n".utf8)), ("b.txt", Array("hai\n".utf8))], in: directory
        ).path
        let output = try directory.makeDirectory("attachments")
        var syncs = DirectorySyncs()
        syncs.add(directory.path)

        let message = try EdXMLReader().read(from: path, attachmentDirectory: output, syncs: &syncs)

        #expect(
            try message.attachments.map { try String(contentsOfFile: $0.filePath, encoding: .utf8) } == [
                "một\n", "hai\n",
            ])
        #expect(syncs.pending == [directory.path, output], "the two files' folder once, after what was there")
        try syncs.sync()
    }

    @Test func aFailedReadAddsNoSyncAndLeavesNoFile() throws {
        let directory = try TemporaryDirectory()
        let path = try document(attaching: [("a.txt", Array("một\n".utf8))], in: directory).path
        let output = try directory.makeDirectory("attachments")
        var syncs = DirectorySyncs()

        #expect(throws: EdXMLError.self) {
            try EdXMLReader(limits: EdXMLLimits(maxAttachmentBytes: 2)).read(
                from: path, attachmentDirectory: output, syncs: &syncs)
        }

        #expect(syncs.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty)
    }

    @Test func writerRefusesControlCharactersAndRemovesItsTempFile() throws {
        let directory = try TemporaryDirectory()
        let header = DocumentHeader(from: Organization(organId: "a"), subject: "bad \u{07} bell")
        let path = directory.file("bad.edxml")
        #expect(throws: EdXMLError.self) {
            try EdXMLWriter().writeDocument(header: header, traces: [], business: nil, attachments: [], to: path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func missingAttachmentSourceFailsWithItsPathAndWritesNothing() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.file("missing.pdf")
        let attachment = OutgoingAttachment(name: "m.pdf", contentType: "application/pdf", sourcePath: missing)
        #expect(throws: EdXMLError.cannotOpen(path: missing, reason: "No such file or directory")) {
            try EdXMLWriter().writeDocument(
                header: sampleHeader(), traces: [], business: nil,
                attachments: [attachment], to: directory.file("d.edxml"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func carriageReturnsInValuesSurviveTheRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let header = DocumentHeader(from: Organization(organId: "a"), content: "dòng 1\r\ndòng 2\nx")
        let path = directory.file("cr.edxml")
        try EdXMLWriter().writeDocument(header: header, traces: [], business: nil, attachments: [], to: path)
        #expect(try EdXMLReader().readHeader(from: path).document?.content == "dòng 1\r\ndòng 2\nx")
    }
}
