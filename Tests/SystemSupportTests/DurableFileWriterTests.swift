import Foundation
import Testing

@testable import SystemSupport

@Suite struct DurableFileWriterTests {
    @Test func piecesOfEverySizeArriveAsExactlyTheBytesWritten() throws {
        try TemporaryDirectory.with { directory in
            let path = directory.file("envelope.edxml")
            let writer = try DurableFileWriter(creating: path)
            var expected: [UInt8] = []
            // Small pieces stay in the buffer, a piece larger than the buffer goes straight to the file, and the
            // order must survive both.
            let pieces: [[UInt8]] = [
                Array("<?xml version=\"1.0\"?>\n".utf8), Array(repeating: 0x41, count: 70_000), [0x0A],
                (0..<200_003).map { UInt8(truncatingIfNeeded: $0 &* 31) }, Array("</edXML>".utf8),
            ]
            for piece in pieces {
                try writer.write(piece)
                expected += piece
            }
            try writer.write(Data([1, 2, 3]))
            try writer.write("xin chào".utf8)
            try writer.write(expected[5..<9])
            expected += [1, 2, 3] + Array("xin chào".utf8) + Array(expected[5..<9])
            #expect(writer.bytesWritten == Int64(expected.count))
            #expect(!FileManager.default.fileExists(atPath: path))

            try writer.publish()

            #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == expected)
            #expect(try directory.names() == ["envelope.edxml"])
        }
    }

    @Test func contentMadeDurableFirstIsOnlyRenamedByPublish() throws {
        try TemporaryDirectory.with { directory in
            let path = directory.file("x.pdf.receipt.txt")
            let writer = try DurableFileWriter(creating: path)
            try writer.write("ĐÃ GỬI".utf8)
            try writer.makeContentDurable()
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(try directory.names().count == 1, "the temporary file, complete, waits for its rename")
            #expect(throws: SystemError.self, "nothing can be added once the content is durable") {
                try writer.write("x".utf8)
            }
            #expect(try directory.names().isEmpty, "the failed write abandoned the temporary file")

            let second = try DurableFileWriter(creating: path)
            try second.write("ĐÃ GỬI".utf8)
            try second.makeContentDurable()
            try second.publish()
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "ĐÃ GỬI")
            #expect(try directory.names() == ["x.pdf.receipt.txt"])
        }
    }

    @Test func aLargeFileIsHandedToTheDiskWindowByWindowAsItIsWritten() throws {
        try TemporaryDirectory.with { directory in
            let path = directory.file("envelope.edxml")
            let writer = try DurableFileWriter(creating: path)
            let window = Int(WriteBehind.window)
            // Buffered pieces and pieces larger than the buffer, crossing window boundaries at odd places.
            let expected = (0..<2 * window + 1_000).map { UInt8(truncatingIfNeeded: $0 &* 131 >> 3) }
            let sizes = [100, 70_001, 9, 1_048_577]
            var offset = 0
            var piece = 0
            while offset < expected.count {
                let size = min(sizes[piece % sizes.count], expected.count - offset)
                piece += 1
                try writer.write(expected[offset..<offset + size])
                offset += size
                // What the buffer still holds is not in the file yet, so it cannot have been handed on.
                #expect(writer.writeBehind.started <= writer.bytesWritten)
                #expect(writer.writeBehind.started % WriteBehind.window == 0)
            }
            #expect(writer.writeBehind.started == 2 * WriteBehind.window)
            try writer.publish()
            #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == expected)
        }
    }

    @Test func thePublishedFileHasExactlyTheRequestedMode() throws {
        try TemporaryDirectory.with { directory in
            let writer = try DurableFileWriter(creating: directory.file("a.pdf"), mode: 0o604)
            try writer.write([1])
            try writer.publish()
            #expect(try FileStatus.lstat(directory.file("a.pdf")).permissions == 0o604)
        }
    }

    @Test func anExistingDestinationIsRefusedBeforeAnythingIsWritten() throws {
        try TemporaryDirectory.with { directory in
            try directory.write("envelope.edxml", "original")
            let error = #expect(throws: SystemError.self) {
                try DurableFileWriter(creating: directory.file("envelope.edxml"))
            }
            #expect(error?.isAlreadyExists == true)
            #expect(error?.path == directory.file("envelope.edxml"))
            #expect(try directory.read("envelope.edxml") == "original")
            #expect(try directory.names() == ["envelope.edxml"])
        }
    }

    @Test func aDestinationThatAppearsWhileWritingIsNotOverwritten() throws {
        try TemporaryDirectory.with { directory in
            let writer = try DurableFileWriter(creating: directory.file("envelope.edxml"))
            try writer.write(Array("new".utf8))
            try directory.write("envelope.edxml", "written by someone else meanwhile")

            let error = #expect(throws: SystemError.self) { try writer.publish() }

            #expect(error?.isAlreadyExists == true)
            #expect(error?.path == directory.file("envelope.edxml"))
            #expect(try directory.read("envelope.edxml") == "written by someone else meanwhile")
            #expect(try directory.names() == ["envelope.edxml"])
        }
    }

    @Test func theReplacingFormReplacesTheExistingFile() throws {
        try TemporaryDirectory.with { directory in
            try directory.write("envelope.edxml.part", "an older partial download")
            let writer = try DurableFileWriter(creating: directory.file("envelope.edxml.part"), replaceExisting: true)
            try writer.write(Array("the new download".utf8))
            try writer.publish()
            #expect(try directory.read("envelope.edxml.part") == "the new download")
            #expect(try directory.names() == ["envelope.edxml.part"])
        }
    }

    @Test func anAbandonedWriterLeavesNoTemporaryFileAndNoDestination() throws {
        try TemporaryDirectory.with { directory in
            let writer = try DurableFileWriter(creating: directory.file("half.bin"))
            try writer.write(Array(repeating: 7, count: 100_000))
            #expect(try directory.names().count == 1)
            #expect(try directory.names().first?.hasPrefix(DurableFile.temporaryPrefix) == true)

            writer.abandon()

            #expect(try directory.names().isEmpty)
            #expect(throws: SystemError.self) { try writer.write([1]) }
            #expect(throws: SystemError.self) { try writer.publish() }
            #expect(try directory.names().isEmpty)
        }
    }

    @Test func aWriterDroppedWithoutPublishingLeavesNoTemporaryFile() throws {
        try TemporaryDirectory.with { directory in
            do {
                let writer = try DurableFileWriter(creating: directory.file("half.bin"))
                try writer.write(Array(repeating: 7, count: 10))
                #expect(try directory.names().count == 1)
            }
            #expect(try directory.names().isEmpty)
        }
    }

    @Test func writesAtAnOffsetPatchTheFileAndReadsSeeTheBufferedBytes() throws {
        try TemporaryDirectory.with { directory in
            let writer = try DurableFileWriter(creating: directory.file("signed.pdf"))
            try writer.write(Array("/Contents <0000000000>".utf8))
            try writer.write(Array("000".utf8), at: 11)
            var readBack = [UInt8](repeating: 0, count: 64)
            let count = try readBack.withUnsafeMutableBytes { try writer.read(into: $0, at: 0) }
            #expect(String(decoding: readBack[..<count], as: UTF8.self) == "/Contents <0000000000>")
            try writer.write(Array("ABC".utf8), at: 11)
            try writer.write(Array(" end".utf8))
            try writer.publish()
            #expect(try directory.read("signed.pdf") == "/Contents <ABC0000000> end")
        }
    }

    @Test func theTemporaryFileIsCreatedWithoutFollowingAPlantedLink() throws {
        try TemporaryDirectory.with { directory in
            let target = try directory.write("target.txt", "not yours")
            try FileManager.default.createSymbolicLink(atPath: directory.file("taken"), withDestinationPath: target)
            let directoryDescriptor = FileDescriptor(owning: open(directory.path, O_RDONLY | O_DIRECTORY), path: nil)
            var names = ["taken", "free"].makeIterator()

            let (descriptor, name) = try DurableFileWriter.createTemporary(
                in: directoryDescriptor, mode: 0o600, describedAs: directory.file("x")
            ) { names.next()! }
            try descriptor.write(Array("mine".utf8))

            #expect(name == "free")
            #expect(try directory.read("target.txt") == "not yours")
            #expect(try FileStatus.lstat(directory.file("taken")).kind == .symlink)
            #expect(try directory.read("free") == "mine")
        }
    }

    @Test(
        "A full disk is reported as no space, naming the destination, and leaves nothing behind",
        .enabled(if: TinyFilesystem.canMount, "mounting a 64 KiB tmpfs needs root (CAP_SYS_ADMIN), as in CI"))
    func aFullDiskIsRecognisableAndLeavesNoTemporaryFileAndNoDestination() throws {
        try TemporaryDirectory.with { directory in
            try TinyFilesystem.with(in: directory) { tiny in
                let destination = tiny + "/envelope.edxml"
                let writer = try DurableFileWriter(creating: destination)
                let piece = [UInt8](repeating: 0x5A, count: 4096)
                let error = #expect(throws: SystemError.self) {
                    for _ in 0..<(4 * TinyFilesystem.size / piece.count) { try writer.write(piece) }
                    try writer.publish()
                }
                #expect(error?.isNoSpace == true)
                #expect(error?.path == destination)
                #expect(error?.description.contains("disk holding \(destination) is full") == true)
                #expect(try FileManager.default.contentsOfDirectory(atPath: tiny).isEmpty)
            }
        }
    }
}
