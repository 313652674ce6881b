import Foundation
import Testing

@testable import SystemSupport

@Suite struct DurableFileTests {
    @Test func writesTheBytesWithExactlyTheRequestedModeAndLeavesNoTemporaryFile() throws {
        try TemporaryDirectory.with { directory in
            try DurableFile.write(Array("xin chào".utf8), to: directory.file("a.txt"), mode: 0o604)
            #expect(try directory.read("a.txt") == "xin chào")
            #expect(try FileStatus.lstat(directory.file("a.txt")).permissions == 0o604)
            #expect(try directory.names() == ["a.txt"])
        }
    }

    @Test func refusesToReplaceAnExistingFileAndLeavesItUntouched() throws {
        try TemporaryDirectory.with { directory in
            try directory.write("a.txt", "original")
            let error = #expect(throws: SystemError.self) {
                try DurableFile.write(Array("new".utf8), to: directory.file("a.txt"))
            }
            #expect(error?.errno == EEXIST)
            #expect(try directory.read("a.txt") == "original")
            #expect(try directory.names() == ["a.txt"])
        }
    }

    @Test func refusesToReplaceAnExistingSymbolicLinkInsteadOfWritingThroughIt() throws {
        try TemporaryDirectory.with { directory in
            try directory.write("target.txt", "target")
            try FileManager.default.createSymbolicLink(
                atPath: directory.file("link.txt"), withDestinationPath: directory.file("target.txt"))
            #expect(throws: SystemError.self) {
                try DurableFile.write(Array("new".utf8), to: directory.file("link.txt"))
            }
            #expect(try directory.read("target.txt") == "target")
        }
    }

    @Test func replacesAnExistingFileWhenAsked() throws {
        try TemporaryDirectory.with { directory in
            try directory.write("a.txt", "original")
            try DurableFile.write(Array("new".utf8), to: directory.file("a.txt"), replaceExisting: true)
            #expect(try directory.read("a.txt") == "new")
            #expect(try directory.names() == ["a.txt"])
        }
    }

    @Test func severalFilesOfOneFolderAreReplacedTogether() throws {
        try TemporaryDirectory.with { directory in
            try directory.write("a.receipt.txt", "old text")
            try DurableFile.write(
                together: [
                    (directory.file("a.receipt.txt"), Array("văn bản".utf8)),
                    (directory.file("a.receipt.json"), Array("{}\n".utf8)),
                ], mode: 0o604)
            #expect(try directory.read("a.receipt.txt") == "văn bản")
            #expect(try directory.read("a.receipt.json") == "{}\n")
            #expect(try FileStatus.lstat(directory.file("a.receipt.json")).permissions == 0o604)
            #expect(try directory.names() == ["a.receipt.json", "a.receipt.txt"])
        }
    }

    @Test(.enabled(if: TinyFilesystem.canMount, "mounting a tmpfs needs root"))
    func aFullDiskDuringSeveralFilesLeavesEachWholeOrAsBefore() throws {
        try TemporaryDirectory.with { directory in
            try TinyFilesystem.with(in: directory) { tiny in
                try DurableFile.write(Array("old".utf8), to: tiny + "/a.txt")
                let big = [UInt8](repeating: 0x41, count: 4 * TinyFilesystem.size)
                let error = #expect(throws: SystemError.self) {
                    try DurableFile.write(together: [(tiny + "/a.txt", Array("new".utf8)), (tiny + "/b.json", big)])
                }
                #expect(error?.isNoSpace == true)
                #expect(error?.path == tiny + "/b.json")
                #expect(try String(contentsOfFile: tiny + "/a.txt", encoding: .utf8) == "new")
                #expect(try FileManager.default.contentsOfDirectory(atPath: tiny) == ["a.txt"])
            }
        }
    }

    @Test func removesTheTemporaryFileWhenTheBodyThrows() throws {
        struct Interrupted: Error {}
        try TemporaryDirectory.with { directory throws in
            #expect(throws: Interrupted.self) {
                try DurableFile.write(to: directory.file("half.bin")) { descriptor in
                    try descriptor.write(Array(repeating: 7, count: 4096))
                    throw Interrupted()
                }
            }
            #expect(try directory.names().isEmpty)
        }
    }

    @Test func theBodyWritesIntoAHiddenTemporaryFileInTheSameDirectory() throws {
        try TemporaryDirectory.with { directory in
            var namesDuringWrite: [String] = []
            try DurableFile.write(to: directory.file("b.txt")) { descriptor in
                try descriptor.write(Array("b".utf8))
                namesDuringWrite = try directory.names()
            }
            #expect(namesDuringWrite.count == 1)
            #expect(namesDuringWrite.first?.hasPrefix(DurableFile.temporaryPrefix) == true)
            #expect(try directory.names() == ["b.txt"])
        }
    }

    @Test func aMissingDirectoryIsReportedWithItsPath() throws {
        try TemporaryDirectory.with { directory in
            let error = #expect(throws: SystemError.self) {
                try DurableFile.write([1], to: directory.file("missing/a.bin"))
            }
            #expect(error?.errno == ENOENT)
            #expect(error?.description.contains(directory.file("missing")) == true)
        }
    }
}
