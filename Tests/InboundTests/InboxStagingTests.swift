import Config
import EdXML
import Foundation
import Logging
import StateStore
import SystemSupport
import Testing

@testable import Inbound

/// An agency's share, spool and state database under a fresh temporary directory.
final class InboxFixture {
    let root: String
    let store: DocumentStore
    let agency: AgencyConfig
    let spool: InboundSpool

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("inbox-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/share/inbox", withIntermediateDirectories: true)
        store = try DocumentStore(path: root + "/state.db")
        agency = AgencyConfig(code: "000.00.00.H26", name: "UBND Hà Nội", folders: AgencyFolders(root: root + "/share"))
        spool = InboundSpool(spoolDirectory: root + "/spool")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var inbox: String { agency.folders.inbox }

    var writer: InboxWriter {
        InboxWriter(agency: agency, store: store, spool: spool, limits: Limits(), logger: Logger(label: "inbox-tests"))
    }

    /// A received document, downloaded, whose attachments are `files` (decoded, in the spool).
    func downloadedDocument(attachments files: [(name: String, bytes: [UInt8])]) throws -> (
        DocumentRecord, EdXMLMessage
    ) {
        let (listed, _) = try store.insertInboundIfNew(
            DocumentRecord(
                direction: .inbound, agency: agency.code, fileName: "", counterpart: "000.00.00.H41",
                axisDocId: "d-1"),
            note: "listed")
        let id = try #require(listed.id)
        let document = try store.transition(id, to: .downloaded, note: "downloaded")
        let directory = spool.directory(of: id)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var attachments: [ReceivedAttachment] = []
        for (index, file) in files.enumerated() {
            let path = directory + "/attachment-\(index + 1).bin"
            try Data(file.bytes).write(to: URL(fileURLWithPath: path))
            attachments.append(
                ReceivedAttachment(
                    index: index + 1, contentId: nil, attachmentName: file.name, contentType: nil, description: nil,
                    filePath: path, byteSize: Int64(file.bytes.count), reference: nil))
        }
        let header = DocumentHeader(
            from: Organization(organId: "000.00.00.H41", organName: "UBND Nghệ An"),
            to: [Organization(organId: agency.code)], code: .init(codeNumber: "12", codeNotation: "UBND-VP"),
            promulgationInfo: .init(place: "Vinh", promulgationDate: "2024/05/06"), subject: "Giấy mời")
        return (document, EdXMLMessage(header: .document(header), attachments: attachments))
    }

    /// A single-entry ZIP whose CRC-32 does not match its content, as a damaged wrapper arrives.
    func corruptZip() throws -> [UInt8] {
        let source = root + "/plan.docx"
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: source))
        let zip = root + "/wrapped.zip"
        try SingleEntryZip.wrap(source: source, entryName: "5f2c.docx", destination: zip)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: zip)))
        let central: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        let start = try #require(
            (0...(bytes.count - 4)).first { bytes[$0..<$0 + 4].elementsEqual(central) }, "no central directory")
        bytes[start + 16] ^= 0xFF
        return bytes
    }
}

@Suite struct InboxStagingTests {
    @Test func aZipThatCannotBeUnwrappedLeavesNothingInTheInbox() throws {
        let fixture = try InboxFixture()
        let (document, message) = try fixture.downloadedDocument(attachments: [
            ("Giay moi.pdf", Array("%PDF-1.4 not really".utf8)), ("Ke hoach.docx", try fixture.corruptZip()),
        ])
        do {
            _ = try fixture.writer.deliver(document, message: message)
            Issue.record("a corrupt ZIP was delivered")
        } catch InboundFailure.rejected(let reason) {
            #expect(reason.hasPrefix("attachment 2: cannot unwrap the ZIP attachment"), "\(reason)")
        }
        let left = try Directories.list(fixture.inbox).map(\.name)
        #expect(left.isEmpty, "left in inbox/: \(left)")
        #expect(try fixture.store.document(document.id!)?.state == .downloaded)
    }

    /// A sender's attachment may bear the name of a file lienthong writes beside it: it is delivered under another
    /// name, and neither is lost.
    @Test func anAttachmentNamedLikeTheSummaryKeepsItsContentUnderAnotherName() throws {
        let fixture = try InboxFixture()
        let (document, message) = try fixture.downloadedDocument(attachments: [
            ("document.txt", Array("the sender's own text".utf8)), ("Signatures.TXT", Array("theirs too".utf8)),
        ])
        let delivered = try fixture.writer.deliver(document, message: message)
        let folder = try #require(delivered.destinationPath)
        let names = try Directories.list(folder).map(\.name).sorted()
        #expect(
            names == [
                "Signatures (2).TXT", "document (2).txt", "document.json", "document.txt", "signatures.txt",
            ], "\(names)")
        #expect(try String(contentsOfFile: folder + "/document (2).txt", encoding: .utf8) == "the sender's own text")
        #expect(try String(contentsOfFile: folder + "/document.txt", encoding: .utf8).contains("Giấy mời"))
    }

    @Test func leftoverStagingFoldersAreRemovedAndNothingElse() throws {
        let fixture = try InboxFixture()
        let manager = FileManager.default
        let inbox = fixture.inbox
        let staging = InboxStaging.path(inbox: inbox, documentId: 5)
        try manager.createDirectory(atPath: staging + "/inner", withIntermediateDirectories: true)
        try Data("half a PDF".utf8).write(to: URL(fileURLWithPath: staging + "/inner/a.pdf"))
        let sender = inbox + "/000.00.00.H41"
        try manager.createDirectory(atPath: sender + "/" + InboxStaging.prefix + "6", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: sender + "/2024-05-06_12-UBND-VP", withIntermediateDirectories: true)
        try Data("kept".utf8).write(to: URL(fileURLWithPath: sender + "/2024-05-06_12-UBND-VP/a.pdf"))
        try manager.createDirectory(atPath: inbox + "/.clerk-notes", withIntermediateDirectories: true)
        try Data("a file".utf8).write(to: URL(fileURLWithPath: inbox + "/" + InboxStaging.prefix + "7"))
        let outside = fixture.root + "/outside"
        try manager.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("kept".utf8).write(to: URL(fileURLWithPath: outside + "/b.pdf"))
        try manager.createSymbolicLink(atPath: inbox + "/" + InboxStaging.prefix + "8", withDestinationPath: outside)

        let removed = try InboxStaging.removeLeftovers(inbox: inbox)

        #expect(Set(removed) == [sender + "/" + InboxStaging.prefix + "6", staging])
        #expect(
            try Directories.list(inbox).map(\.name) == [
                ".clerk-notes", InboxStaging.prefix + "7", InboxStaging.prefix + "8", "000.00.00.H41",
            ])
        #expect(try Directories.list(sender).map(\.name) == ["2024-05-06_12-UBND-VP"])
        #expect(manager.fileExists(atPath: sender + "/2024-05-06_12-UBND-VP/a.pdf"))
        #expect(manager.fileExists(atPath: outside + "/b.pdf"))
        #expect(try InboxStaging.removeLeftovers(inbox: inbox).isEmpty)
    }
}
