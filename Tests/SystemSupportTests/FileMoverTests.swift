import Foundation
import Testing

@testable import SystemSupport

@Suite struct FileMoverTests {
    @Test func collisionsGetNumberedSuffixesBeforeTheExtension() throws {
        try TemporaryDirectory.with { directory in
            try FileManager.default.createDirectory(atPath: directory.file("sent"), withIntermediateDirectories: false)
            try directory.write("sent/a.pdf", "first")
            try directory.write("sent/a (2).pdf", "second")
            let source = try directory.write("a.pdf", "third")

            let moved = try FileMover.move(from: source, toDirectory: directory.file("sent"), preferredName: "a.pdf")

            #expect(moved == directory.file("sent/a (3).pdf"))
            #expect(try directory.read("sent/a (3).pdf") == "third")
            #expect(try directory.read("sent/a.pdf") == "first")
            #expect(!FileManager.default.fileExists(atPath: source))
        }
    }

    @Test func aFreeNameIsUsedAsIs() throws {
        try TemporaryDirectory.with { directory in
            try FileManager.default.createDirectory(atPath: directory.file("out"), withIntermediateDirectories: false)
            let source = try directory.write("Quyết định.pdf", "x")
            let moved = try FileMover.move(
                from: source, toDirectory: directory.file("out"), preferredName: "Quyết định.pdf")
            #expect(moved == directory.file("out/Quyết định.pdf"))
        }
    }

    @Test func aPreferredNameWithASlashIsRefused() throws {
        try TemporaryDirectory.with { directory in
            let source = try directory.write("a.pdf", "x")
            let error = #expect(throws: SystemError.self) {
                try FileMover.move(from: source, toDirectory: directory.path, preferredName: "../a.pdf")
            }
            #expect(error?.errno == EINVAL)
            #expect(FileManager.default.fileExists(atPath: source))
        }
    }

    @Test func moveReplacingNothingRefusesAnExistingDestination() throws {
        try TemporaryDirectory.with { directory in
            let source = try directory.write("a.pdf", "new")
            try directory.write("b.pdf", "old")
            let error = #expect(throws: SystemError.self) {
                try FileMover.moveReplacingNothing(from: source, to: directory.file("b.pdf"))
            }
            #expect(error?.errno == EEXIST)
            #expect(try directory.read("b.pdf") == "old")
            #expect(try directory.read("a.pdf") == "new")
        }
    }

    @Test func moveReplacingNothingMovesToTheExactName() throws {
        try TemporaryDirectory.with { directory in
            let source = try directory.write("a.pdf", "new")
            try FileMover.moveReplacingNothing(from: source, to: directory.file("c.pdf"))
            #expect(try directory.names() == ["c.pdf"])
        }
    }

    /// Moves between the temporary directory and /dev/shm when they are different filesystems (a real `EXDEV`);
    /// otherwise drives the copy path directly, so the copy logic is proven on every machine.
    @Test func aMoveAcrossFilesystemsCopiesKeepsTheTimeAndUnlinksTheSource() throws {
        try TemporaryDirectory.with { source in
            let sourceFile = try source.write("big.bin", String(repeating: "lienthong ", count: 300_000))
            let oldTime = Date(timeIntervalSince1970: 1_600_000_000)
            try FileManager.default.setAttributes([.modificationDate: oldTime], ofItemAtPath: sourceFile)
            let originalSize = try FileStatus.lstat(sourceFile).size

            let shared = "/dev/shm"
            let crossesFilesystems =
                FileManager.default.fileExists(atPath: shared)
                && (try? FileStatus.stat(shared).device) != (try? FileStatus.stat(source.path).device)
            let base = crossesFilesystems ? shared : FileManager.default.temporaryDirectory.path
            try TemporaryDirectory.with(base: base) { destination in
                try destination.write("big.bin", "already here")
                let moved: String
                if crossesFilesystems {
                    moved = try FileMover.move(
                        from: sourceFile, toDirectory: destination.path, preferredName: "big.bin")
                } else {
                    moved = try FileMover.copyAcross(
                        source: sourceFile,
                        sourceDirectory: FileDescriptor(owning: open(source.path, O_RDONLY | O_DIRECTORY)),
                        sourceName: "big.bin",
                        destination: FileDescriptor(owning: open(destination.path, O_RDONLY | O_DIRECTORY)),
                        destinationPath: destination.path, candidates: CandidateNames("big.bin"))
                }
                #expect(moved == destination.file("big (2).bin"))
                let status = try FileStatus.lstat(moved)
                #expect(status.size == originalSize)
                #expect(status.modificationTime.seconds == 1_600_000_000)
                #expect(try destination.read("big.bin") == "already here")
                #expect(try destination.names() == ["big (2).bin", "big.bin"])
                #expect(!FileManager.default.fileExists(atPath: sourceFile))
            }
        }
    }

    @Test func theCopyPathRefusesASymbolicLinkSource() throws {
        try TemporaryDirectory.with { directory in
            try directory.write("target", "secret")
            try FileManager.default.createSymbolicLink(
                atPath: directory.file("link"), withDestinationPath: directory.file("target"))
            try FileManager.default.createDirectory(atPath: directory.file("out"), withIntermediateDirectories: false)
            #expect(throws: SystemError.self) {
                try FileMover.copyAcross(
                    source: directory.file("link"),
                    sourceDirectory: FileDescriptor(owning: open(directory.path, O_RDONLY | O_DIRECTORY)),
                    sourceName: "link",
                    destination: FileDescriptor(owning: open(directory.file("out"), O_RDONLY | O_DIRECTORY)),
                    destinationPath: directory.file("out"), candidates: CandidateNames("link"))
            }
            #expect(try directory.names() == ["link", "out", "target"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("out")).isEmpty)
        }
    }
}
