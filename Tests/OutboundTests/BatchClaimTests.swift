import Config
import FolderWatch
import Foundation
import StateStore
import SystemSupport
import Testing

@testable import Outbound

/// Files claimed together: one record per file, every original moved into the spool once, and a file that left or
/// changed between the two halves ends on its own without stopping the others.
@Suite struct BatchClaimTests {
    typealias World = MetadataClaimTests.World

    @Test func aBatchIsRecordedThenMovedAndClaimedFileByFile() throws {
        let world = try World(defaultRecipients: ["000.00.00.H26"])
        let files = try (1...5).map { try world.drop("cv\($0).pdf", sidecar: MetadataClaimTests.sidecar) }
        let detected = try world.claimer.record(files).map { result -> DocumentRecord in
            guard case .recorded(let document) = try result.get() else { throw OutboundFailure.transient("skipped") }
            return document
        }
        #expect(detected.map(\.state) == Array(repeating: .detected, count: 5))
        #expect(Set(detected.compactMap(\.id)).count == 5)

        // Between the record and the move: one file removed, one rewritten by the clerk.
        try FileManager.default.removeItem(atPath: files[3].path)
        try Data("%PDF-1.4\nchanged, and longer than before\n".utf8).write(to: URL(fileURLWithPath: files[4].path))

        let results = world.claimer.finishClaims(detected)

        let states = try results.map { try $0.get().state }
        #expect(states == [.claimed, .claimed, .claimed, .failed, .failed])
        for document in detected.prefix(3) {
            let id = try #require(document.id)
            #expect(FileManager.default.fileExists(atPath: world.spool.original(of: id, fileName: document.fileName)))
            #expect(!FileManager.default.fileExists(atPath: document.sourcePath!))
        }
        #expect(
            FileManager.default.fileExists(
                atPath: world.spool.sidecar(of: detected[0].id!, fileName: "cv1.pdf")))
        #expect(try results[0].get().codeNotation?.hasPrefix("125/") == true)
        // The rewritten file stays where the clerk left it, for the watcher to offer again.
        #expect(FileManager.default.fileExists(atPath: files[4].path))
    }

    @Test func aBatchInterruptedAfterSomeMovesIsFinishedWithoutMovingAnythingTwice() throws {
        let world = try World(defaultRecipients: ["000.00.00.H26"])
        let files = try ["a.pdf", "b.pdf"].map { try world.drop($0, sidecar: MetadataClaimTests.sidecar) }
        let detected = try world.claimer.record(files).map { result -> DocumentRecord in
            guard case .recorded(let document) = try result.get() else { throw OutboundFailure.transient("skipped") }
            return document
        }
        // A crash after a.pdf's move and before the commit of `claimed`.
        let first = try #require(detected[0].id)
        try Directories.create(world.spool.originalDirectory(of: first), mode: 0o700)
        try FileMover.moveReplacingNothing(
            from: files[0].path + DocumentSidecar.suffix, to: world.spool.sidecar(of: first, fileName: "a.pdf"))
        try FileMover.moveReplacingNothing(from: files[0].path, to: world.spool.original(of: first, fileName: "a.pdf"))

        // The watcher offers both again (a reconciliation scan): the records are found, not made again.
        let again = try world.claimer.record(files).map { result -> Int64? in
            guard case .recorded(let document) = try result.get() else { return nil }
            return document.id
        }
        #expect(again == detected.map(\.id))

        let claimed = try world.claimer.finishClaims(detected).map { try $0.get() }
        #expect(claimed.map(\.state) == [.claimed, .claimed])
        #expect(try world.store.events(of: first).last?.message.hasPrefix("already in the spool") == true)
        #expect(try world.store.events(of: detected[1].id!).last?.message.hasPrefix("moved into the spool") == true)
        let spooled = try FileManager.default.contentsOfDirectory(atPath: world.spool.originalDirectory(of: first))
        #expect(spooled == ["a.pdf"])
    }
}
