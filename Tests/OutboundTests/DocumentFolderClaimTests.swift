import Config
import EdXML
import FolderWatch
import Foundation
import Logging
import StateStore
import SystemSupport
import Testing

@testable import Outbound

/// Document folders through claim, packaging and filing: one record for the folder, every file into the spool in
/// name order, non-raw types wrapped in a single-entry ZIP that the reader unwraps byte-identical, bad metadata to
/// `failed/<folder>/` with the reason inside, and the whole folder to `sent/<date>/<folder>/` with its receipt.
@Suite struct DocumentFolderClaimTests {
    typealias World = MetadataClaimTests.World

    static let metadata = """
        so: 125
        ky_hieu: UBND-VX
        ngay: 2026-11-20
        trich_yeu: Về việc tổ chức hội nghị
        noi_nhan: [000.00.00.H26]
        """

    /// Writes `outbox/<folder>/` with `files` (name → bytes) and then its metadata file, and returns it as ready.
    func dropFolder(_ world: World, _ folder: String, files: [String: [UInt8]], metadata: String?) throws -> ReadyFile {
        let path = world.agency.folders.outbox + "/" + folder
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: URL(fileURLWithPath: path + "/" + name)) }
        if let metadata { try metadata.write(toFile: path + "/document.meta.yaml", atomically: false, encoding: .utf8) }
        let status = try FileStatus.lstat(path)
        return ReadyFile(
            path: path, relativeComponents: folder.split(separator: "/").map(String.init), size: 0,
            modificationTime: status.modificationTime, device: status.device, inode: status.inode,
            kind: .documentFolder)
    }

    static let odt: [UInt8] = Array("PK\u{3}\u{4} an OpenDocument text, really a ZIP of its own".utf8)
    static let files: [String: [UInt8]] = [
        "10 Phụ lục.pdf": Array("%PDF-1.4 appendix".utf8), "2 Công văn.pdf": Array("%PDF-1.4 letter".utf8),
        "draft.odt": odt, "~$draft.odt": Array("lock".utf8), "upload.tmp": Array("temp".utf8),
    ]

    @Test func aFolderIsOneDocumentWhoseFilesMoveIntoTheSpoolInNameOrder() throws {
        let world = try World()
        let ready = try dropFolder(world, "000.00.00.H26/CV125", files: Self.files, metadata: Self.metadata)
        let document = try world.claim(ready)
        #expect(document.state == .claimed)
        #expect(document.fileName == "CV125")
        #expect(document.isDocumentFolder)
        #expect(document.recipients == ["000.00.00.H26"])
        #expect(document.codeNotation == "125/UBND-VX")
        let names = try world.spool.attachmentNames(of: document)
        #expect(names == ["2 Công văn.pdf", "10 Phụ lục.pdf", "draft.odt"])
        for name in names {
            #expect(FileManager.default.fileExists(atPath: world.spool.original(of: document.id!, fileName: name)))
        }
        // The temp files stay; the metadata file went into the spool with the document.
        let left = try FileManager.default.contentsOfDirectory(atPath: ready.path).sorted()
        #expect(left == ["upload.tmp", "~$draft.odt"])
        #expect(
            FileManager.default.fileExists(
                atPath: world.spool.sidecar(of: document.id!, fileName: document.fileName)))
    }

    @Test func aPlantedLinkInAFolderFailsTheWholeFolderNamingTheFile() throws {
        let world = try World()
        let ready = try dropFolder(world, "CV7", files: ["a.pdf": Array("%PDF a".utf8)], metadata: Self.metadata)
        try FileManager.default.createSymbolicLink(atPath: ready.path + "/b.pdf", withDestinationPath: "/etc/passwd")
        guard case .recorded(let document) = try world.claimer.record(ready) else {
            Issue.record("not recorded")
            return
        }
        #expect(document.state == .failed)
        #expect(document.lastError?.contains("b.pdf") == true)
        let filer = OutboundFiler(
            agency: world.agency, store: world.store, spool: world.spool, logger: Logger(label: "t"))
        let filed = try filer.fileFailed(document)
        let folder = world.agency.folders.failed + "/CV7"
        #expect(filed.destinationPath == folder + "/document")
        #expect(FileManager.default.fileExists(atPath: folder + "/a.pdf"))
        #expect(FileManager.default.fileExists(atPath: folder + "/document.meta.yaml"))
        #expect(FileManager.default.fileExists(atPath: folder + "/document.error.txt"))
        #expect(!FileManager.default.fileExists(atPath: ready.path))
    }

    /// Bad metadata: the folder goes to failed/ whole, with the reason and a pre-filled example inside; fixed and put
    /// back into the outbox, it is claimed as a new document.
    @Test func badMetadataFilesTheFolderInFailedAndTheFixedFolderGoesThrough() throws {
        let world = try World()
        let ready = try dropFolder(
            world, "000.00.00.H26/CV9", files: ["a.pdf": Array("%PDF a".utf8), "b.odt": Self.odt],
            metadata: "ky_hieu: UBND-VX\nngay: 31/02/2026\n")
        let failure = try #require(try world.failure(claiming: ready))
        #expect(failure.disposition == .permanent)
        let document = try #require(try world.store.documents(direction: .outbound, limit: 10).first)
        let failed = try world.store.markFailed(
            document, reason: failure.description, clerk: try #require(failure.clerkMessage))
        let filer = OutboundFiler(
            agency: world.agency, store: world.store, spool: world.spool, logger: Logger(label: "t"))
        _ = try filer.fileFailed(failed)
        let folder = world.agency.folders.failed + "/CV9"
        let reason = try String(contentsOfFile: folder + "/document.error.txt", encoding: .utf8)
        #expect(reason.contains("document.meta.yaml"))
        #expect(reason.contains("ngay"))
        #expect(reason.contains("so: \"\""))  // The pre-filled example leaves the missing number to fill in.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                == ["a.pdf", "b.odt", "document.error.txt", "document.meta.yaml"])

        try Self.metadata.write(toFile: folder + "/document.meta.yaml", atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(atPath: folder, toPath: ready.path)
        let again = try dropFolder(world, "000.00.00.H26/CV9", files: [:], metadata: nil)
        let claimed = try world.claim(again)
        #expect(claimed.state == .claimed)
        #expect(claimed.id != document.id)
        #expect(try world.spool.attachmentNames(of: claimed) == ["a.pdf", "b.odt"])
    }

    /// pdf travels raw; .odt and .p7s travel as single-entry ZIPs under the clerk's name, and come out of the reader's
    /// unwrapping byte-identical; the ZIP is built once, so a rewritten envelope carries the same bytes.
    @Test func nonRawTypesTravelAsSingleEntryZipsThatUnwrapByteIdentical() throws {
        let world = try World()
        let ready = try dropFolder(
            world, "CV3", files: ["a.pdf": Array("%PDF a".utf8), "b.odt": Self.odt], metadata: Self.metadata)
        let document = try world.claim(ready)
        let id = document.id!
        let signature: [UInt8] = [0x30, 0x82, 0x01, 0x00] + Array(repeating: 7, count: 256)
        try DurableFile.write(signature, to: world.spool.signature(of: id, fileName: "b.odt"))

        let attachments = try OutboundAttachments(spool: world.spool).list(for: document)
        #expect(attachments.map(\.name) == ["a.pdf", "b.odt", "b.odt.p7s"])
        #expect(attachments.map(\.contentType) == ["application/pdf", "application/zip", "application/zip"])
        let zipBytes = try Data(contentsOf: URL(fileURLWithPath: attachments[1].sourcePath))
        #expect(
            try OutboundAttachments(spool: world.spool).list(for: document)[1].sourcePath == attachments[1].sourcePath)
        #expect(try Data(contentsOf: URL(fileURLWithPath: attachments[1].sourcePath)) == zipBytes)

        let envelope = world.root + "/envelope.edxml"
        let header = try OutboundMetadata.claimed(
            document, agency: world.agency, spool: world.spool, now: ClaimClock.now
        ).completeHeader().0
        try EdXMLWriter().writeDocument(
            header: header, traces: [], business: nil, attachments: attachments, to: envelope)
        let decoded = world.root + "/decoded"
        try FileManager.default.createDirectory(atPath: decoded, withIntermediateDirectories: true)
        let message = try EdXMLReader().read(from: envelope, attachmentDirectory: decoded)
        #expect(message.attachments.map(\.displayName) == ["a.pdf", "b.odt", "b.odt.p7s"])
        let raw = try #require(message.attachments.first)
        #expect(try SingleEntryZip.unwrapIfZipped(path: raw.filePath, maxUncompressedSize: 1 << 20) == nil)
        let expected: [[UInt8]] = [Self.odt, signature]
        for (received, bytes) in zip(message.attachments.dropFirst(), expected) {
            let unwrapped = try #require(
                try SingleEntryZip.unwrapIfZipped(path: received.filePath, maxUncompressedSize: 1 << 20))
            #expect(unwrapped.entryName.hasSuffix("." + ((received.displayName ?? "") as NSString).pathExtension))
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: unwrapped.path))) == bytes)
        }
    }

    @Test func aSentFolderIsFiledWholeWithItsReceiptInside() throws {
        let world = try World()
        let ready = try dropFolder(
            world, "CV4", files: ["a.pdf": Array("%PDF a".utf8), "b.odt": Self.odt], metadata: Self.metadata)
        let document = try world.claim(ready)
        let id = document.id!
        try FileManager.default.createDirectory(
            atPath: world.spool.directory(of: id) + "/signed", withIntermediateDirectories: true)
        try DurableFile.write(Array("%PDF signed".utf8), to: world.spool.signedPDF(of: id, fileName: "a.pdf"))
        try DurableFile.write([1, 2, 3], to: world.spool.signature(of: id, fileName: "b.odt"))
        _ = try world.store.transition(id, to: .signed, note: "test")
        _ = try world.store.transition(id, to: .packaged, note: "test")
        let sent = try world.store.transition(id, to: .sent, note: "test") { $0.axisDocId = "DOC-1" }
        let filer = OutboundFiler(
            agency: world.agency, store: world.store, spool: world.spool, logger: Logger(label: "t"))
        let filed = try filer.fileSent(sent)
        #expect(filed.state == .filed)
        let folder = world.agency.folders.sent + "/" + world.agency.timeZone.day(of: sent.updatedAt) + "/CV4"
        #expect(filed.destinationPath == folder + "/document")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                == [
                    "a.pdf", "a_signed.pdf", "b.odt", "b.odt.p7s", "document.meta.yaml", "document.receipt.json",
                    "document.receipt.txt",
                ])
        let receipt = try String(contentsOfFile: folder + "/document.receipt.txt", encoding: .utf8)
        #expect(receipt.contains("DOC-1") && receipt.contains("b.odt"))
        #expect(!FileManager.default.fileExists(atPath: world.spool.directory(of: id)))
    }
}
