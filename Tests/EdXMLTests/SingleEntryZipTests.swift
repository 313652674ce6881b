import Foundation
import Testing

@testable import EdXML

@Suite struct SingleEntryZipTests {
    @Test func wrapThenUnwrapGivesBackTheSameBytesAndEntryName() throws {
        let directory = try TemporaryDirectory()
        let bytes = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 % 251) })
        let source = directory.file("source.docx")
        try bytes.write(to: URL(fileURLWithPath: source))
        let zip = directory.file("wrapped.zip")
        try SingleEntryZip.wrap(source: source, entryName: "3f2a.docx", destination: zip)
        #expect(try SingleEntryZip.isZip(path: zip))
        let unwrapped = try #require(try SingleEntryZip.unwrapIfZipped(path: zip, maxUncompressedSize: 1 << 20))
        #expect(unwrapped.entryName == "3f2a.docx")
        #expect(unwrapped.byteSize == Int64(bytes.count))
        #expect(try Data(contentsOf: URL(fileURLWithPath: unwrapped.path)) == bytes)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
                == ["source.docx", "wrapped.zip", "wrapped.zip.unzipped"], "no temp file is left")
    }

    @Test func aFileThatIsNotAZipIsLeftAlone() throws {
        let directory = try TemporaryDirectory()
        let pdf = try directory.write("a.pdf", "%PDF-1.7 ...")
        #expect(try SingleEntryZip.unwrapIfZipped(path: pdf, maxUncompressedSize: 1 << 20) == nil)
        let tiny = try directory.write("tiny", "PK")
        #expect(try SingleEntryZip.unwrapIfZipped(path: tiny, maxUncompressedSize: 1 << 20) == nil)
    }

    @Test func zipBombIsStoppedAtTheCapWhileInflatingAndLeavesNothing() throws {
        let directory = try TemporaryDirectory()
        let source = directory.file("zeros")
        try Data(count: 8 << 20).write(to: URL(fileURLWithPath: source))
        let zip = directory.file("bomb.zip")
        try SingleEntryZip.wrap(source: source, entryName: "zeros.pdf", destination: zip)
        let zipSize = try #require(try FileManager.default.attributesOfItem(atPath: zip)[.size] as? Int)
        #expect(zipSize < 100_000, "8 MiB of zeros deflate to a few KiB")
        let error = #expect(throws: EdXMLError.self) {
            try SingleEntryZip.unwrapIfZipped(path: zip, maxUncompressedSize: 1 << 20)
        }
        #expect(error?.description.contains("larger than 1048576 bytes") == true)
        #expect(!FileManager.default.fileExists(atPath: zip + ".unzipped"))
    }

    @Test func zipWithSeveralFilesIsAnOfficeDocumentNotAWrapper() throws {
        let directory = try TemporaryDirectory()
        let zip = directory.file("two.zip")
        try StoredZipBuilder.build([
            .init(name: "[Content_Types].xml", data: Data("a".utf8)), .init(name: "word/document.xml", data: Data("b".utf8)),
        ])
        .write(to: URL(fileURLWithPath: zip))
        #expect(try SingleEntryZip.unwrapIfZipped(path: zip, maxUncompressedSize: 1 << 20) == nil)
        #expect(!FileManager.default.fileExists(atPath: zip + ".unzipped"))
    }

    @Test func singleStoredEntryWithADirectoryEntryIsUnwrapped() throws {
        let directory = try TemporaryDirectory()
        let zip = directory.file("one.zip")
        try StoredZipBuilder.build([
            .init(name: "dir/", data: Data(), unixMode: 0o040755),
            .init(name: "dir/../../x.pdf", data: Data("%PDF-1.4".utf8)),
        ])
        .write(to: URL(fileURLWithPath: zip))
        let unwrapped = try #require(try SingleEntryZip.unwrapIfZipped(path: zip, maxUncompressedSize: 100))
        #expect(unwrapped.entryName == "dir/../../x.pdf", "the name is reported as stored, never used as a path")
        #expect(unwrapped.path == zip + ".unzipped")
        #expect(try String(contentsOfFile: unwrapped.path, encoding: .utf8) == "%PDF-1.4")
    }

    @Test func symbolicLinkEntriesAreRefused() throws {
        let directory = try TemporaryDirectory()
        let zip = directory.file("link.zip")
        try StoredZipBuilder.build([.init(name: "x.pdf", data: Data("/etc/passwd".utf8), unixMode: 0o120777)])
            .write(to: URL(fileURLWithPath: zip))
        #expect(throws: EdXMLError.zip(path: zip, reason: "it contains a symbolic link, which is refused")) {
            try SingleEntryZip.unwrapIfZipped(path: zip, maxUncompressedSize: 1 << 20)
        }
    }

    @Test func storedEntryLargerThanTheCapIsRefused() throws {
        let directory = try TemporaryDirectory()
        let zip = directory.file("big.zip")
        try StoredZipBuilder.build([.init(name: "x.bin", data: Data(count: 500))]).write(to: URL(fileURLWithPath: zip))
        #expect(throws: EdXMLError.self) { try SingleEntryZip.unwrapIfZipped(path: zip, maxUncompressedSize: 499) }
        #expect(try SingleEntryZip.unwrapIfZipped(path: zip, maxUncompressedSize: 500)?.byteSize == 500)
    }

    @Test func aFileThatOnlyStartsLikeAZipIsDeliveredAsReceived() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("corrupt.zip")
        try Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 40)).write(to: URL(fileURLWithPath: path))
        #expect(try SingleEntryZip.isZip(path: path))
        #expect(try SingleEntryZip.unwrapIfZipped(path: path, maxUncompressedSize: 1 << 20) == nil)
        #expect(!FileManager.default.fileExists(atPath: path + ".unzipped"))
    }

    /// A large file that starts like a ZIP but has no end record is recognised by reading its last 64 KiB only.
    @Test func aLargeFileWithoutAnEndRecordIsNotAZipAndIsNotScannedThrough() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("big.docx")
        let bytes = [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0x41, count: 8 << 20)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try !SingleEntryZip.hasEndRecord(path: path))
        #expect(try SingleEntryZip.unwrapIfZipped(path: path, maxUncompressedSize: 16 << 20) == nil)
    }

    /// The end record may be followed by a comment of up to 65,535 bytes: it is found at the edge of the window.
    @Test func theEndRecordIsFoundBehindTheLongestComment() throws {
        let directory = try TemporaryDirectory()
        let source = try directory.write("a.odt", "nội dung")
        let zip = directory.file("wrapped.zip")
        try SingleEntryZip.wrap(source: source, entryName: "x.odt", destination: zip)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: zip))
        // Set the comment length of the end record (its last two bytes) to 65,535 and append the comment.
        bytes[bytes.count - 2] = 0xFF
        bytes[bytes.count - 1] = 0xFF
        bytes.append(Data(repeating: 0x20, count: 65_535))
        let commented = directory.file("commented.zip")
        try bytes.write(to: URL(fileURLWithPath: commented))
        #expect(try SingleEntryZip.hasEndRecord(path: commented))
        bytes.append(0x20)
        let tooFar = directory.file("too-far.zip")
        try bytes.write(to: URL(fileURLWithPath: tooFar))
        #expect(try !SingleEntryZip.hasEndRecord(path: tooFar))
    }

    @Test func wrapRefusesPathLikeEntryNamesAndExistingDestinations() throws {
        let directory = try TemporaryDirectory()
        let source = try directory.write("s.txt", "x")
        #expect(throws: EdXMLError.self) {
            try SingleEntryZip.wrap(source: source, entryName: "../evil.txt", destination: directory.file("a.zip"))
        }
        let existing = try directory.write("b.zip", "keep")
        #expect(throws: EdXMLError.destinationExists(path: existing)) {
            try SingleEntryZip.wrap(source: source, entryName: "s.txt", destination: existing)
        }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep")
    }
}
