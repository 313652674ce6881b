import Foundation
import Testing

@testable import SystemSupport

/// Syncs put off until a batch is done: what the batch's calls add, and what a failed sync leaves pending.
@Suite struct DirectorySyncsTests {
    @Test func aFailedSyncKeepsTheDirectoriesNotSyncedYetForTheNextCall() throws {
        try TemporaryDirectory.with { directory in
            var syncs = DirectorySyncs()
            let missing = directory.file("not-made-yet")
            syncs.add(missing)
            syncs.add(directory.path)
            syncs.add(missing)

            #expect(throws: SystemError.self) { try syncs.sync() }
            #expect(!syncs.isEmpty)

            try FileManager.default.createDirectory(atPath: missing, withIntermediateDirectories: false)
            try syncs.sync()
            #expect(syncs.isEmpty)
        }
    }

    @Test func aDeferredMkdirNamesEveryParentThatGotANewEntry() throws {
        try TemporaryDirectory.with { directory in
            var syncs = DirectorySyncs()
            try Directories.create(directory.file("a/b/c"), mode: 0o700, syncs: &syncs)

            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: directory.file("a/b/c"), isDirectory: &isDirectory))
            #expect(isDirectory.boolValue)
            // The three parents, each once, in the order the directories were made; nothing else.
            #expect(syncs.pending == [directory.path, directory.file("a"), directory.file("a/b")])

            var again = DirectorySyncs()
            try Directories.create(directory.file("a/b/c"), syncs: &again)
            #expect(again.isEmpty)
        }
    }

    @Test func aDeferredMoveNamesBothDirectoriesAndMovesAtOnce() throws {
        try TemporaryDirectory.with { directory in
            try FileManager.default.createDirectory(atPath: directory.file("in"), withIntermediateDirectories: false)
            try FileManager.default.createDirectory(atPath: directory.file("out"), withIntermediateDirectories: false)
            let first = try directory.write("in/a.pdf", "a")
            let second = try directory.write("in/b.pdf", "b")
            var syncs = DirectorySyncs()

            let moved = try FileMover.move(
                from: first, toDirectory: directory.file("out"), preferredName: "a.pdf", syncs: &syncs)
            try FileMover.moveReplacingNothing(from: second, to: directory.file("out/b.pdf"), syncs: &syncs)

            #expect(moved == directory.file("out/a.pdf"))
            #expect(try directory.read("out/a.pdf") == "a")
            #expect(try directory.read("out/b.pdf") == "b")
            #expect(syncs.pending == [directory.file("out"), directory.file("in")])
            try syncs.sync()
            #expect(syncs.isEmpty)
        }
    }

    @Test func aReceiptWrittenWithTheMovesOfItsFilingSharesTheFoldersSync() throws {
        try TemporaryDirectory.with { directory in
            try FileManager.default.createDirectory(atPath: directory.file("spool"), withIntermediateDirectories: false)
            try FileManager.default.createDirectory(atPath: directory.file("sent"), withIntermediateDirectories: false)
            let original = try directory.write("spool/a.pdf", "a")
            var syncs = DirectorySyncs()

            try FileMover.moveReplacingNothing(from: original, to: directory.file("sent/a.pdf"), syncs: &syncs)
            try ReceiptFile(besides: directory.file("sent/a.pdf")).write(
                text: "đã gửi\n", json: ["id": 1], syncs: &syncs)

            #expect(try directory.read("sent/a.pdf.receipt.txt") == "đã gửi\n")
            #expect(try directory.read("sent/a.pdf.receipt.json") == "{\n  \"id\" : 1\n}\n")
            #expect(syncs.pending == [directory.file("sent"), directory.file("spool")], "the folder once, not twice")
            try syncs.sync()
            #expect(syncs.isEmpty)
        }
    }

    @Test func aDroppedScratchFolderIsNotSyncedAndComesBackWhenAddedAgain() throws {
        try TemporaryDirectory.with { directory in
            var syncs = DirectorySyncs()
            syncs.add(directory.file("scratch"))
            syncs.add(directory.path)
            syncs.drop(directory.file("scratch"))
            syncs.drop(directory.file("never-added"))

            #expect(syncs.pending == [directory.path])
            // The dropped folder does not exist: syncing it would fail.
            try syncs.sync()

            syncs.add(directory.file("scratch"))
            #expect(syncs.pending == [directory.file("scratch")])
        }
    }

    @Test func anotherBatchsSyncsAreAddedOnceEachInTheirOrder() throws {
        try TemporaryDirectory.with { directory in
            var syncs = DirectorySyncs()
            syncs.add(directory.file("b"))
            var step = DirectorySyncs()
            step.add(directory.file("a"))
            step.add(directory.file("b"))
            step.add(directory.file("c"))

            syncs.add(contentsOf: step)

            #expect(syncs.pending == [directory.file("b"), directory.file("a"), directory.file("c")])
            #expect(step.pending.count == 3, "the other batch is left as it was")
        }
    }

    @Test func aWriterPublishedIntoABatchIsInPlaceWithItsFolderLeftToTheBatch() throws {
        try TemporaryDirectory.with { directory in
            var syncs = DirectorySyncs()
            let writer = try DurableFileWriter(creating: directory.file("a.txt"), mode: 0o600)
            try writer.write(Array("nội dung".utf8))

            try writer.publish(syncs: &syncs)

            #expect(try directory.read("a.txt") == "nội dung")
            #expect(try directory.names() == ["a.txt"], "no temporary file left")
            #expect(syncs.pending == [directory.path])
            try syncs.sync()
        }
    }
}
