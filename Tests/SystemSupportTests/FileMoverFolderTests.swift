import Foundation
import Testing

@testable import SystemSupport

/// ``FileMover/moveFolder(from:to:order:)``: document folders into `failed/` and back into the outbox.
@Suite struct FileMoverFolderTests {
    static func folder(in directory: TemporaryDirectory, _ name: String, files: [String: String]) throws -> String {
        let path = directory.file(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (file, text) in files { try directory.write(name + "/" + file, text) }
        return path
    }

    @Test func onOneFilesystemTheFolderMovesWholeLinksIncludedAndTheSourceIsGone() throws {
        try TemporaryDirectory.with { directory in
            let source = try Self.folder(
                in: directory, "Hồ sơ", files: ["a.pdf": "a", "b.docx": "b", "document.meta.yaml": "so: 1\n"])
            try FileManager.default.createSymbolicLink(atPath: source + "/link", withDestinationPath: "/etc/passwd")
            let left = try FileMover.moveFolder(
                from: source, to: directory.file("failed"), order: .first("document.meta.yaml"))
            #expect(left.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: source))
            let moved = try FileManager.default.contentsOfDirectory(atPath: directory.file("failed")).sorted()
            #expect(moved == ["a.pdf", "b.docx", "document.meta.yaml", "link"])
        }
    }

    @Test func aMoveACrashInterruptedMovesTheRestReplacesNothingAndReportsWhatStays() throws {
        try TemporaryDirectory.with { directory in
            let source = try Self.folder(
                in: directory, "outbox/Hồ sơ",
                files: ["a.pdf": "new a", "b.pdf": "b", "document.meta.yaml": "so: 1\n"])
            try FileManager.default.createDirectory(atPath: source + "/sub", withIntermediateDirectories: false)
            // The interrupted move had already put a.pdf in place.
            let target = try Self.folder(in: directory, "failed/Hồ sơ", files: ["a.pdf": "moved a"])

            let left = try FileMover.moveFolder(from: source, to: target, order: .last("document.meta.yaml"))

            #expect(left == ["a.pdf", "sub"], "a.pdf is already at the target, sub is not an ordinary file")
            #expect(try directory.read("failed/Hồ sơ/a.pdf") == "moved a", "an existing file was replaced")
            #expect(try directory.read("failed/Hồ sơ/b.pdf") == "b")
            #expect(try directory.read("failed/Hồ sơ/document.meta.yaml") == "so: 1\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: source).sorted() == ["a.pdf", "sub"])
        }
    }

    @Test func anEmptiedSourceIsRemovedAfterAResumedMove() throws {
        try TemporaryDirectory.with { directory in
            let source = try Self.folder(in: directory, "failed/x", files: ["b.pdf": "b", "document.meta.yaml": "m"])
            let target = try Self.folder(in: directory, "outbox/x", files: [:])
            #expect(try FileMover.moveFolder(from: source, to: target, order: .last("document.meta.yaml")).isEmpty)
            #expect(!FileManager.default.fileExists(atPath: source))
            let moved = try FileManager.default.contentsOfDirectory(atPath: target).sorted()
            #expect(moved == ["b.pdf", "document.meta.yaml"])
        }
    }

    /// Into /dev/shm when it is another filesystem (a real `EXDEV`); elsewhere into a target that exists already,
    /// which takes the same file-by-file path. Ordinary files arrive, links stay behind and are named.
    @Test func fileByFileOrdinaryFilesMoveAndLinksStayNamed() throws {
        let shared = "/dev/shm"
        try TemporaryDirectory.with { directory in
            let crossesFilesystems =
                FileManager.default.fileExists(atPath: shared)
                && (try? FileStatus.stat(shared).device) != (try? FileStatus.stat(directory.path).device)
            let source = try Self.folder(in: directory, "x", files: ["a.pdf": "a", "document.meta.yaml": "m"])
            try FileManager.default.createSymbolicLink(atPath: source + "/link", withDestinationPath: "a.pdf")
            try TemporaryDirectory.with(base: crossesFilesystems ? shared : directory.path) { destination in
                let target = destination.file("x")
                if !crossesFilesystems {
                    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
                }
                let left = try FileMover.moveFolder(from: source, to: target, order: .last("document.meta.yaml"))
                #expect(left == ["link"])
                let moved = try FileManager.default.contentsOfDirectory(atPath: target).sorted()
                #expect(moved == ["a.pdf", "document.meta.yaml"])
                #expect(try destination.read("x/a.pdf") == "a")
            }
        }
    }
}
