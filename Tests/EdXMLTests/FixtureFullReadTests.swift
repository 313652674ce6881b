import Foundation
import Testing

@testable import EdXML

/// read() on every real sample decodes its attachments to files and links them to the manifest.
@Suite struct FixtureFullReadTests {
    let reader = EdXMLReader()

    private func prefix(of path: String, count: Int) throws -> [UInt8] {
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        return [UInt8](try handle.read(upToCount: count) ?? Data())
    }

    @Test(arguments: ["edoc_new.edxml", "edoc_replacement.edxml", "edoc_revocation.edxml", "edoc_update.edxml"])
    func documentSampleDecodesItsZipAttachmentAndLinksItsReference(file: String) throws {
        let directory = try TemporaryDirectory()
        let message = try reader.read(from: Fixtures.path(file), attachmentDirectory: directory.path)
        #expect(message.attachments.count == 1)
        let attachment = try #require(message.attachments.first)
        #expect(attachment.attachmentName == "1896_QD-TTg_m_294779.doc")
        #expect(attachment.contentId == "cid:209")
        #expect(attachment.contentType == "application/zip")
        #expect(attachment.description == "1896_QD-TTg_m_294779.doc")
        #expect(attachment.byteSize == 270_823)
        #expect(attachment.filePath == directory.file("attachment-1.bin"))
        #expect(try FileManager.default.attributesOfItem(atPath: attachment.filePath)[.size] as? Int == 270_823)
        #expect(attachment.reference == message.references.first)
        #expect(
            message.references == [
                ManifestReference(
                    contentId: "cid:209", contentType: "application/zip", description: "1896_QD-TTg_m_294779.doc",
                    attachmentName: "1896_QD-TTg_m_294779.doc")
            ])
        let unwrapped = try #require(
            try SingleEntryZip.unwrapIfZipped(
                path: attachment.filePath,
                maxUncompressedSize: 10 << 20))
        #expect(unwrapped.entryName.hasSuffix(".edxml"))
        #expect(unwrapped.byteSize == 388_347)
        #expect(try prefix(of: unwrapped.path, count: 5) == Array("<?xml".utf8))
    }

    @Test func fullReadGivesTheSameHeaderAsReadHeader() throws {
        let directory = try TemporaryDirectory()
        let path = Fixtures.path("edoc_update.edxml")
        let full = try reader.read(from: path, attachmentDirectory: directory.path)
        let header = try reader.readHeader(from: path)
        #expect(full.header == header.header)
        #expect(full.traces == header.traces)
        #expect(full.business == header.business)
    }

    @Test func received2019AttachmentIsAZipDespiteItsPdfContentType() throws {
        let directory = try TemporaryDirectory()
        let message = try reader.read(
            from: Fixtures.path("received-2019-5-852e179c-8eca-4502-ac38-0b97321f29c3.edxml"),
            attachmentDirectory: directory.path)
        let attachment = try #require(message.attachments.first)
        #expect(attachment.attachmentName == "GUIDE_INSTALL OPENVPN.SIGNED.PDF")
        #expect(attachment.contentType == "application/zip")
        #expect(attachment.reference?.contentType == "application/pdf")
        #expect(attachment.byteSize == 214)
        let unwrapped = try #require(
            try SingleEntryZip.unwrapIfZipped(
                path: attachment.filePath,
                maxUncompressedSize: 1 << 20))
        // The test axis's 2019 payload is 17 bytes of test data, not a real PDF.
        #expect(unwrapped.entryName == "5c7082fe-4ac3-4b46-961e-e2439bfae484.PDF")
        #expect(unwrapped.byteSize == 17)
    }

    @Test func received2025ZipAttachmentUnwrapsToAPdf() throws {
        let directory = try TemporaryDirectory()
        let message = try reader.read(
            from: Fixtures.path("received-2025-10-874e0f18-90dc-45fb-989a-65401470ba84.edxml"),
            attachmentDirectory: directory.path)
        let attachment = try #require(message.attachments.first)
        #expect(attachment.attachmentName == "1761211722949_TestTrucLienThong.pdf")
        #expect(attachment.contentType == "application/pdf")
        #expect(attachment.byteSize == 10_689)
        #expect(try prefix(of: attachment.filePath, count: 4) == [0x50, 0x4B, 0x03, 0x04])
        let unwrapped = try #require(
            try SingleEntryZip.unwrapIfZipped(
                path: attachment.filePath,
                maxUncompressedSize: 1 << 20))
        #expect(unwrapped.entryName == "7091b48b-9e89-4b11-bdb8-4265d0200f0e.pdf")
        #expect(unwrapped.byteSize == 11_229)
        #expect(unwrapped.path == attachment.filePath + ".unzipped")
        #expect(try prefix(of: unwrapped.path, count: 5) == Array("%PDF-".utf8))
    }

    @Test func received2025RawPdfAttachmentIsNotUnwrapped() throws {
        let directory = try TemporaryDirectory()
        let message = try reader.read(
            from: Fixtures.path("received-2025-10-9e272474-0603-48a2-b525-9cd1af689612.edxml"),
            attachmentDirectory: directory.path)
        let attachment = try #require(message.attachments.first)
        #expect(attachment.attachmentName == "1761209178887_TestTrucLienThong.pdf")
        #expect(attachment.byteSize == 18_839)
        #expect(try SingleEntryZip.unwrapIfZipped(path: attachment.filePath, maxUncompressedSize: 1 << 20) == nil)
        #expect(try prefix(of: attachment.filePath, count: 5) == Array("%PDF-".utf8))
    }

    @Test(arguments: Fixtures.statusFiles.map { $0.file })
    func statusFileReadsFullyWithoutAttachments(file: String) throws {
        let directory = try TemporaryDirectory()
        let message = try reader.read(from: Fixtures.path(file), attachmentDirectory: directory.path)
        #expect(message.kind == .status)
        #expect(message.attachments.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// edoc.edxml is a JMeter template: its attachment content is `${__StringFromFile(test.txt,,,)}`.
    @Test func edocSampleTemplatePlaceholderIsRejectedAsInvalidBase64NamingTheAttachment() throws {
        let directory = try TemporaryDirectory()
        #expect {
            try reader.read(from: Fixtures.path("edoc.edxml"), attachmentDirectory: directory.path)
        } throws: { error in
            guard case .invalidBase64(let attachment, let detail, let position) = error as? EdXMLError else {
                return false
            }
            return attachment == "GUIDE_INSTALL OPENVPN.SIGNED.PDF" && detail.contains("'$'") && position.line == 130
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty,
            "the partial attachment file is removed")
    }

    /// edoc.edxml uses `xlink:` and, after the envelope, `edXML:` without declaring them there.
    @Test func edocSampleUndeclaredPrefixesAreReadAsPlainNamesWithWarnings() throws {
        let tokenizer = try XMLTokenizer(path: Fixtures.path("edoc.edxml"))
        var names: [XMLName] = []
        while let event = try tokenizer.next() {
            if case .startElement(let name, let attributes) = event {
                names.append(name)
                names += attributes.map(\.name)
            }
        }
        let xlink = try #require(names.first { $0.qualifiedName == "xlink:href" })
        #expect(xlink.namespaceURI == "" && xlink.localName == "xlink:href")
        let attachmentEncoded = try #require(names.first { $0.qualifiedName == "edXML:AttachmentEncoded" })
        #expect(attachmentEncoded.namespaceURI == "")
        let transfer = try #require(names.first { $0.qualifiedName == "edXML:ContentTransferEncoded" })
        #expect(transfer.namespaceURI == EdXMLReader.namespace, "it declares the prefix itself")
        #expect(
            tokenizer.warnings.first
                == "line 116, column 26: namespace prefix 'xlink' is not declared; 'xlink:href' is read as a plain name"
        )
        #expect(tokenizer.warnings.count == 6)
        #expect(tokenizer.warnings.allSatisfy { $0.contains("is not declared") })
    }
}
