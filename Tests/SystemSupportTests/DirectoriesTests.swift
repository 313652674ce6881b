import Foundation
import Testing

@testable import SystemSupport

@Suite struct DirectoriesTests {
    @Test func createMakesMissingParentsAndAcceptsExistingDirectories() throws {
        try TemporaryDirectory.with { directory in
            let nested = directory.file("a/b/c")
            try Directories.create(nested, mode: 0o750)
            try Directories.create(nested)
            #expect(try FileStatus.lstat(nested).kind == .directory)
            #expect(try FileStatus.lstat(nested).permissions == 0o750 & ~currentUmask())
        }
    }

    @Test func createFailsWhenAComponentIsAFile() throws {
        try TemporaryDirectory.with { directory in
            try directory.write("file", "x")
            let error = #expect(throws: SystemError.self) { try Directories.create(directory.file("file/sub")) }
            #expect(error?.errno == ENOTDIR)
        }
    }

    @Test func listReportsKindsWithoutFollowingLinks() throws {
        try TemporaryDirectory.with { directory in
            try directory.write("doc.pdf", "x")
            try Directories.create(directory.file("sub"))
            try FileManager.default.createSymbolicLink(atPath: directory.file("link"), withDestinationPath: "/etc")
            #expect(mkfifo(directory.file("pipe"), 0o600) == 0)
            let entries = try Directories.list(directory.path)
            #expect(
                entries == [
                    DirectoryEntry(name: "doc.pdf", kind: .regular),
                    DirectoryEntry(name: "link", kind: .symlink),
                    DirectoryEntry(name: "pipe", kind: .fifo),
                    DirectoryEntry(name: "sub", kind: .directory),
                ])
        }
    }

    @Test func removeTreeDeletesLinksButNotWhatTheyPointTo() throws {
        try TemporaryDirectory.with { directory in
            try Directories.create(directory.file("outside"))
            try directory.write("outside/keep.txt", "keep")
            try Directories.create(directory.file("tree/a/b"))
            try directory.write("tree/a/b/f.txt", "x")
            try FileManager.default.createSymbolicLink(
                atPath: directory.file("tree/a/link"), withDestinationPath: directory.file("outside"))

            try Directories.removeTree(directory.file("tree"))
            try Directories.removeTree(directory.file("tree"))  // Repeating is harmless.

            #expect(try directory.names() == ["outside"])
            #expect(try directory.read("outside/keep.txt") == "keep")
        }
    }

    @Test func syncAcceptsADirectoryAndReportsAMissingOne() throws {
        try TemporaryDirectory.with { directory in
            try Directories.sync(directory.path)
            #expect(throws: SystemError.self) { try Directories.sync(directory.file("missing")) }
        }
    }

    private func currentUmask() -> UInt32 {
        let mask = umask(0)
        umask(mask)
        return UInt32(mask)
    }
}
