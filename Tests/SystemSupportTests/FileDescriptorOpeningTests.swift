import Foundation
import Testing

@testable import SystemSupport

@Suite struct FileDescriptorOpeningTests {
    @Test func openForReadingRefusesALinkUnlessFollowingIsAsked() throws {
        try TemporaryDirectory.with { directory in
            let target = try directory.write("key.pem", "KEY")
            try FileManager.default.createSymbolicLink(atPath: directory.file("link.pem"), withDestinationPath: target)
            let error = #expect(throws: SystemError.self) {
                try FileDescriptor.openForReading(directory.file("link.pem"))
            }
            #expect(error?.errno == ELOOP)

            let (descriptor, status) = try FileDescriptor.openForReading(
                directory.file("link.pem"), followingSymlinks: true)
            #expect(status.kind == .regular)
            var bytes = [UInt8](repeating: 0, count: 8)
            let count = try bytes.withUnsafeMutableBytes { try descriptor.readFully(into: $0, at: 1) }
            #expect(Array(bytes[..<count]) == Array("EY".utf8))
        }
    }

    @Test func openForReadingReportsAFIFOWithoutBlocking() throws {
        try TemporaryDirectory.with { directory in
            let path = directory.file("secret")
            #expect(mkfifo(path, 0o600) == 0)
            let (_, status) = try FileDescriptor.openForReading(path)
            #expect(status.kind == .fifo)
        }
    }

    @Test func createExclusiveNeverWritesThroughADanglingLink() throws {
        try TemporaryDirectory.with { directory in
            try FileManager.default.createSymbolicLink(
                atPath: directory.file("body.tmp"), withDestinationPath: directory.file("elsewhere"))
            let error = #expect(throws: SystemError.self) {
                try FileDescriptor.createExclusive(directory.file("body.tmp"))
            }
            #expect(error?.isAlreadyExists == true)
            #expect(!FileManager.default.fileExists(atPath: directory.file("elsewhere")))
        }
    }

    @Test func forEachChunkStopsAtTheLimit() throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.write("a.bin", String(repeating: "0123456789", count: 10))
            let (descriptor, _) = try FileDescriptor.openForReading(path)
            var seen: [UInt8] = []
            let total = try descriptor.forEachChunk(limit: 25, chunkSize: 10) { seen += $0 }
            #expect(total == 25)
            #expect(seen == Array("0123456789012345678901234".utf8))
        }
    }
}
