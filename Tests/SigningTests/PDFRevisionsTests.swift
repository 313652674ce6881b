import Foundation
import Testing

@testable import Signing

/// The ends of a PDF's revisions are found wherever `%%EOF` falls: at the start or end of a 64 KiB block, split
/// across two, repeated back to back, and with each kind of line end after it.
@Suite struct PDFRevisionsTests {
    @Test func markersAreFoundWithoutOverlapWhereverTheyAre() {
        let marker = Array("%%EOF".utf8)
        #expect(PDFRevisions.positions(of: marker, in: []) == [])
        #expect(PDFRevisions.positions(of: marker, in: Array("%%EO".utf8)) == [])
        #expect(PDFRevisions.positions(of: marker, in: Array("%%EOF".utf8)) == [0])
        #expect(PDFRevisions.positions(of: marker, in: Array("%%EOF%%EOF".utf8)) == [0, 5])
        #expect(PDFRevisions.positions(of: marker, in: Array("x%%%EOF\n%%EOFy".utf8)) == [2, 8])
        #expect(PDFRevisions.positions(of: Array("aa".utf8), in: Array("aaa".utf8)) == [0])
    }

    @Test func revisionEndsAcrossBlocksAndLineEnds() throws {
        let directory = FileManager.default.temporaryDirectory.path + "/lienthong-revisions-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A marker ending with CRLF; one split across the first two blocks with LF; one ending the second block
        // exactly with CR; one at the very end of the file with nothing after it.
        var bytes = Array("%PDF-1.7\n%%EOF\r\n".utf8)
        bytes += [UInt8](repeating: 0x20, count: 65_536 - 2 - bytes.count)
        let split = bytes.count
        bytes += Array("%%EOF\n".utf8)
        bytes += [UInt8](repeating: 0x20, count: 2 * 65_536 - 6 - bytes.count)
        let blockEnd = bytes.count
        bytes += Array("%%EOF\r".utf8)
        bytes += Array(" more %%EOF".utf8)
        let path = directory + "/revisions.pdf"
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let ends = try PDFRevisions.ends(try PDFFileReader(path: path))

        let last = Int64(bytes.count)
        #expect(
            ends == [
                14...16, Int64(split + 5)...Int64(split + 6), Int64(blockEnd + 5)...Int64(blockEnd + 6), last...last,
            ])
    }
}
