import Foundation
import Testing

@testable import EdXML

/// The reader's limits, structural checks and cleanup on failure.
@Suite struct EdXMLReaderLimitTests {
    /// A message with `count` attachments of `size` bytes each, written by the writer.
    private func message(in directory: TemporaryDirectory, attachments count: Int, size: Int) throws -> String {
        var outgoing: [OutgoingAttachment] = []
        for index in 0..<count {
            let source = directory.file("source-\(index).bin")
            try Data(repeating: UInt8(index), count: size).write(to: URL(fileURLWithPath: source))
            outgoing.append(
                OutgoingAttachment(
                    name: "tệp \(index).pdf", contentType: "application/pdf",
                    sourcePath: source, contentId: "c\(index)"))
        }
        let path = directory.file("message.edxml")
        try EdXMLWriter().writeDocument(
            header: DocumentHeader(from: Organization(organId: "000.00.00.H41")),
            traces: [], business: nil, attachments: outgoing, to: path)
        return path
    }

    private func read(_ path: String, limits: EdXMLLimits, into directory: String) -> EdXMLError? {
        do {
            _ = try EdXMLReader(limits: limits).read(from: path, attachmentDirectory: directory)
            return nil
        } catch {
            return error
        }
    }

    @Test func attachmentCountLimitIsEnforcedAndPartialFilesAreRemoved() throws {
        let directory = try TemporaryDirectory()
        let path = try message(in: directory, attachments: 3, size: 10)
        let output = try directory.makeDirectory("out")
        var limits = EdXMLLimits.default
        limits.maxAttachmentCount = 2
        #expect(read(path, limits: limits, into: output) == .tooManyAttachments(limit: 2))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty)
        limits.maxAttachmentCount = 3
        #expect(read(path, limits: limits, into: output) == nil)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: output).sorted()
                == ["attachment-1.bin", "attachment-2.bin", "attachment-3.bin"])
    }

    @Test func perAttachmentSizeLimitNamesTheAttachment() throws {
        let directory = try TemporaryDirectory()
        let path = try message(in: directory, attachments: 2, size: 100_000)
        let output = try directory.makeDirectory("out")
        var limits = EdXMLLimits.default
        limits.maxAttachmentBytes = 99_999
        #expect(read(path, limits: limits, into: output) == .attachmentTooLarge(attachment: "tệp 0.pdf", limit: 99_999))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty)
    }

    @Test func totalAttachmentSizeLimitIsEnforced() throws {
        let directory = try TemporaryDirectory()
        let path = try message(in: directory, attachments: 2, size: 100_000)
        let output = try directory.makeDirectory("out")
        var limits = EdXMLLimits.default
        limits.maxTotalAttachmentBytes = 150_000
        #expect(read(path, limits: limits, into: output) == .attachmentsTooLarge(limit: 150_000))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty)
    }

    @Test func invalidBase64IsRejectedNamingTheAttachment() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "bad.edxml",
            """
            <edXML xmlns="urn:x" xmlns:e="http://www.mic.gov.vn/TBT/QCVN_102_2016"><e:edXMLEnvelope><e:edXMLHeader>
            <e:MessageHeader><e:From><e:OrganId>A</e:OrganId></e:From></e:MessageHeader>
            </e:edXMLHeader></e:edXMLEnvelope>
            <e:AttachmentEncoded><e:Attachment><e:AttachmentName>Quyết định.pdf</e:AttachmentName>
            <e:ContentTransferEncoded>QUJD
            RE*F</e:ContentTransferEncoded></e:Attachment></e:AttachmentEncoded></edXML>
            """)
        let error = read(path, limits: .default, into: directory.path)
        #expect(
            error
                == .notEdXML(
                    "the root element is <edXML> in namespace 'urn:x'; expected <edXML> in "
                        + "http://www.mic.gov.vn/TBT/QCVN_102_2016"))
        let fixed = try directory.write(
            "bad2.edxml",
            try String(contentsOfFile: path, encoding: .utf8)
                .replacingOccurrences(of: "xmlns=\"urn:x\" ", with: ""))
        let base64Error = read(fixed, limits: .default, into: directory.path)
        guard case .invalidBase64(let attachment, let detail, let position) = base64Error else {
            Issue.record("expected invalidBase64, got \(String(describing: base64Error))")
            return
        }
        #expect(attachment == "Quyết định.pdf")
        #expect(detail == "'*' at offset 7 is not a base64 character")
        #expect(position == XMLPosition(line: 5, column: 27), "where the base64 content starts")
        #expect(base64Error?.description.contains("Quyết định.pdf") == true)
        #expect(!FileManager.default.fileExists(atPath: directory.file("attachment-1.bin")))
    }

    @Test func existingAttachmentFileIsNeverOverwritten() throws {
        let directory = try TemporaryDirectory()
        let path = try message(in: directory, attachments: 1, size: 10)
        let output = try directory.makeDirectory("out")
        let planted = output + "/attachment-1.bin"
        try Data("planted".utf8).write(to: URL(fileURLWithPath: planted))
        #expect(read(path, limits: .default, into: output) == .destinationExists(path: planted))
        #expect(try String(contentsOfFile: planted, encoding: .utf8) == "planted")
    }

    @Test func envelopeWithoutTheEdXMLRootIsAcceptedWithAWarning() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "envelope.edxml",
            """
            <edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLHeader>
            <edXML:MessageHeader><edXML:From><edXML:OrganId>A</edXML:OrganId></edXML:From>
            <edXML:To><edXML:OrganId>B</edXML:OrganId></edXML:To></edXML:MessageHeader>
            </edXML:edXMLHeader></edXML:edXMLEnvelope>
            """)
        let message = try EdXMLReader().readHeader(from: path)
        #expect(message.senderId == "A" && message.recipientIds == ["B"])
        #expect(
            message.warnings == [
                "the message has no <edXML> root; its root is <edXML:edXMLEnvelope>, read as the envelope"
            ])
    }

    @Test func otherRootsAndMissingHeadersAreRejected() throws {
        let directory = try TemporaryDirectory()
        let html = try directory.write("page.html", "<html><body>502 Bad Gateway</body></html>")
        #expect(
            throws: EdXMLError.notEdXML(
                "the root element is <html> in namespace ''; expected <edXML> in "
                    + "http://www.mic.gov.vn/TBT/QCVN_102_2016")
        ) { try EdXMLReader().readHeader(from: html) }
        let empty = try directory.write(
            "empty.edxml",
            "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"><edXMLEnvelope/></edXML>")
        #expect(throws: EdXMLError.missingElement("edXMLEnvelope/edXMLHeader/MessageHeader")) {
            try EdXMLReader().readHeader(from: empty)
        }
        let noFrom = try directory.write(
            "nofrom.edxml",
            "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">"
                + "<edXMLEnvelope><edXMLHeader><MessageHeader><Subject>x</Subject></MessageHeader></edXMLHeader>"
                + "</edXMLEnvelope></edXML>")
        #expect(throws: EdXMLError.missingElement("MessageHeader/From")) { try EdXMLReader().readHeader(from: noFrom) }
    }

    @Test func readHeaderStopsBeforeTheBodySoABrokenTailDoesNotMatter() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "truncated.edxml",
            """
            <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader>
            <MessageHeader><From><OrganId>A</OrganId></From></MessageHeader></edXMLHeader>
            <edXMLBody><edXMLManifest><Reference>&undefined;
            """)
        #expect(try EdXMLReader().readHeader(from: path).senderId == "A")
        #expect(throws: EdXMLError.undefinedEntity(name: "undefined", at: XMLPosition(line: 3, column: 38))) {
            try EdXMLReader().read(from: path, attachmentDirectory: directory.path)
        }
    }

    @Test func doctypeInAMessageIsRejectedByTheReader() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "xxe.edxml",
            """
            <?xml version="1.0"?>
            <!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&x;</edXML>
            """)
        #expect(throws: EdXMLError.doctypeForbidden(at: XMLPosition(line: 2, column: 1))) {
            try EdXMLReader().readHeader(from: path)
        }
    }

    @Test func contentIdsLinkWithOrWithoutTheCidPrefix() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "cid.edxml",
            """
            <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader>
            <MessageHeader><From><OrganId>A</OrganId></From></MessageHeader></edXMLHeader>
            <edXMLBody><edXMLManifest>
            <Reference><ContentId>cid:one</ContentId><AttachmentName>1.pdf</AttachmentName></Reference>
            <Reference><ContentId>two</ContentId><AttachmentName>2.pdf</AttachmentName></Reference>
            </edXMLManifest></edXMLBody></edXMLEnvelope>
            <AttachmentEncoded>
            <Attachment><ContentId>one</ContentId><ContentTransferEncoded>QQ==</ContentTransferEncoded></Attachment>
            <Attachment><ContentId>CID:two</ContentId><ContentTransferEncoded/></Attachment>
            <Attachment><ContentId>three</ContentId><ContentTransferEncoded>Qg</ContentTransferEncoded></Attachment>
            </AttachmentEncoded></edXML>
            """)
        let message = try EdXMLReader().read(from: path, attachmentDirectory: directory.path)
        #expect(message.attachments.map { $0.reference?.attachmentName } == ["1.pdf", "2.pdf", nil])
        #expect(message.attachments.map(\.byteSize) == [1, 0, 1])
        #expect(message.attachments.map(\.displayName) == ["1.pdf", "2.pdf", nil])
    }
    @Test func repeatedListElementsAreBounded() throws {
        let directory = try TemporaryDirectory()
        let recipients = String(repeating: "<To><OrganId>X</OrganId></To>", count: 6)
        let path = try directory.write("many.edxml", """
            <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader>
            <MessageHeader><From><OrganId>A</OrganId></From>\(recipients)</MessageHeader>
            </edXMLHeader></edXMLEnvelope></edXML>
            """)
        var limits = EdXMLLimits.default
        limits.maxRepeatedElements = 5
        #expect(throws: EdXMLError.tooManyElements("To", limit: 5)) {
            try EdXMLReader(limits: limits).readHeader(from: path)
        }
        limits.maxRepeatedElements = 6
        #expect(try EdXMLReader(limits: limits).readHeader(from: path).recipientIds.count == 6)
    }

    @Test func valueTextIsBoundedEvenWhenSplitByChildElements() throws {
        let directory = try TemporaryDirectory()
        let pieces = String(repeating: "0123456789<x/>", count: 3)
        let path = try directory.write("split.edxml", """
            <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader>
            <MessageHeader><From><OrganId>A</OrganId></From><Subject>\(pieces)</Subject></MessageHeader>
            </edXMLHeader></edXMLEnvelope></edXML>
            """)
        var limits = EdXMLLimits.default
        limits.xml.maxTextBytes = 25
        let error = #expect(throws: EdXMLError.self) { try EdXMLReader(limits: limits).readHeader(from: path) }
        guard case let .textTooLarge(element, limit, _) = error else {
            Issue.record("expected textTooLarge, got \(String(describing: error))")
            return
        }
        #expect(element == "Subject" && limit == 25)
        limits.xml.maxTextBytes = 30
        #expect(try EdXMLReader(limits: limits).readHeader(from: path).document?.subject
            == "012345678901234567890123456789")
    }
}
