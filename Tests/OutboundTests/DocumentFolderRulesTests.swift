import Config
import FolderWatch
import Foundation
import Logging
import StateStore
import SystemSupport
import Testing

@testable import Outbound

/// The claim of a document folder takes exactly what the watcher waited for (its include and exclude globs), and a
/// folder refused before its claim reaches `failed/` whole, also when the move has to go file by file.
@Suite struct DocumentFolderRulesTests {
    typealias World = MetadataClaimTests.World

    func write(_ world: World, _ folder: String, _ files: [String: String]) throws -> ReadyFile {
        let path = world.agency.folders.outbox + "/" + folder
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: false, encoding: .utf8) }
        let status = try FileStatus.lstat(path)
        return ReadyFile(
            path: path, relativeComponents: folder.split(separator: "/").map(String.init), size: 0,
            modificationTime: status.modificationTime, device: status.device, inode: status.inode,
            kind: .documentFolder)
    }

    func leftIn(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    @Test func filesExcludedByTheWatchGlobsStayInTheOutboxAndAreNotAttachments() throws {
        let world = try World(watch: WatchSettings(exclude: ["*.bak", "000.00.00.H26/CV1/scan-*"]))
        let ready = try write(
            world, "000.00.00.H26/CV1",
            [
                "a.pdf": "%PDF a", "old.bak": "backup", "scan-1.jpg": "scan", "b.odt": "odt",
                "document.meta.yaml": DocumentFolderClaimTests.metadata,
            ])
        let document = try world.claim(ready)
        #expect(document.state == .claimed)
        #expect(try world.spool.attachmentNames(of: document) == ["a.pdf", "b.odt"])
        #expect(try leftIn(ready.path) == ["old.bak", "scan-1.jpg"])
    }

    @Test func withIncludeGlobsOnlyMatchingFilesOfAFolderAreAttachments() throws {
        let world = try World(watch: WatchSettings(include: ["*.pdf"]))
        let ready = try write(
            world, "CV2", ["a.pdf": "%PDF a", "b.odt": "odt", "document.meta.yaml": DocumentFolderClaimTests.metadata])
        let document = try world.claim(ready)
        #expect(try world.spool.attachmentNames(of: document) == ["a.pdf"])
        #expect(try leftIn(ready.path) == ["b.odt"])
    }

    @Test func aFolderHoldingOnlyExcludedFilesIsRefusedAsEmpty() throws {
        let world = try World(watch: WatchSettings(exclude: ["*.bak"]))
        let ready = try write(
            world, "CV3", ["old.bak": "backup", "document.meta.yaml": DocumentFolderClaimTests.metadata])
        guard case .recorded(let document) = try world.claimer.record(ready) else {
            Issue.record("not recorded")
            return
        }
        #expect(document.state == .failed)
        #expect(document.lastError?.contains("no file to send") == true)
    }

    /// A refused folder whose move to failed/ was interrupted (or has to cross filesystems) is finished file by
    /// file into the recorded destination; a planted link stays in the outbox instead of being copied.
    @Test func aRefusedFolderIsFinishedFileByFileIntoItsRecordedDestination() throws {
        let world = try World()
        let ready = try write(
            world, "CV8",
            ["a.pdf": "%PDF a", "b.pdf": "%PDF b", "document.meta.yaml": DocumentFolderClaimTests.metadata])
        try FileManager.default.createSymbolicLink(atPath: ready.path + "/c.pdf", withDestinationPath: "/etc/passwd")
        guard case .recorded(let refused) = try world.claimer.record(ready) else {
            Issue.record("not recorded")
            return
        }
        #expect(refused.state == .failed)
        // The destination was recorded and one file moved before the interruption.
        let target = world.agency.folders.failed + "/CV8"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: ready.path + "/a.pdf", toPath: target + "/a.pdf")
        let planned = try world.store.annotate(refused.id!, note: "test") { $0.destinationPath = target + "/document" }

        let filer = OutboundFiler(
            agency: world.agency, store: world.store, spool: world.spool, logger: Logger(label: "t"))
        let filed = try filer.fileFailed(planned)
        #expect(filed.destinationPath == target + "/document")
        #expect(!filed.filingPending)
        #expect(try leftIn(target) == ["a.pdf", "b.pdf", "document.error.txt", "document.meta.yaml"])
        #expect(try leftIn(ready.path) == ["c.pdf"])
        let reason = try String(contentsOfFile: target + "/document.error.txt", encoding: .utf8)
        #expect(reason.contains("c.pdf"))
    }

    /// Filing repeated after a crash, when the clerk has meanwhile dropped a new folder of the same name: the new
    /// folder (another inode) is not the refused one and stays in the outbox.
    @Test func aRepeatedFilingLeavesANewFolderOfTheSameNameAlone() throws {
        let world = try World()
        let ready = try write(world, "CV10", ["a.pdf": "%PDF a"])
        try FileManager.default.createSymbolicLink(atPath: ready.path + "/b.pdf", withDestinationPath: "/etc/passwd")
        guard case .recorded(let refused) = try world.claimer.record(ready) else {
            Issue.record("not recorded")
            return
        }
        let filer = OutboundFiler(
            agency: world.agency, store: world.store, spool: world.spool, logger: Logger(label: "t"))
        let filed = try filer.fileFailed(refused)
        let fresh = try write(world, "CV10", ["c.pdf": "%PDF c", "document.meta.yaml": "so: 10"])
        _ = try filer.fileFailed(filed)
        #expect(try leftIn(fresh.path) == ["c.pdf", "document.meta.yaml"])
        #expect(try leftIn(world.agency.folders.failed + "/CV10") == ["a.pdf", "b.pdf", "document.error.txt"])
    }

    @Test func aRefusedFolderMovesToFailedWholeByOneRenameOnOneFilesystem() throws {
        let world = try World()
        let ready = try write(
            world, "CV9", ["a.pdf": "%PDF a", "document.meta.yaml": DocumentFolderClaimTests.metadata])
        try FileManager.default.createDirectory(atPath: ready.path + "/inner", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: ready.path + "/c.pdf", withDestinationPath: "/etc/passwd")
        let inode = try FileStatus.lstat(ready.path).inode
        guard case .recorded(let refused) = try world.claimer.record(ready) else {
            Issue.record("not recorded")
            return
        }
        let filer = OutboundFiler(
            agency: world.agency, store: world.store, spool: world.spool, logger: Logger(label: "t"))
        _ = try filer.fileFailed(refused)
        let target = world.agency.folders.failed + "/CV9"
        // The same folder (same inode), with the link and the sub-folder that were in it: nothing was copied.
        #expect(try FileStatus.lstat(target).inode == inode)
        #expect(try leftIn(target) == ["a.pdf", "c.pdf", "document.error.txt", "document.meta.yaml", "inner"])
        #expect(!FileManager.default.fileExists(atPath: ready.path))
    }
}
