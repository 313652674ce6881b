import Foundation
import Testing

@testable import Daemon

/// The reason files shown on the page and in `status --json` come from folders clerks can write to: read bounded,
/// never through a link.
@Suite struct ReasonFileTests {
    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reason-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aFailedDocumentsErrorFileAndAQuarantinedFoldersReasonAreRead() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "Văn bản lỗi.\nFailed.\n".write(toFile: folder + "/x.pdf.error.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/doc-1", withIntermediateDirectories: true)
        try "Bị cách ly.\n".write(toFile: folder + "/doc-1/reason.txt", atomically: true, encoding: .utf8)
        #expect(ReasonFile.text(state: "failed", location: folder + "/x.pdf") == "Văn bản lỗi.\nFailed.\n")
        #expect(ReasonFile.text(state: "quarantined", location: folder + "/doc-1") == "Bị cách ly.\n")
        #expect(ReasonFile.text(state: "packaged", location: folder + "/x.pdf") == nil)
        #expect(ReasonFile.text(state: "failed", location: nil) == nil)
        #expect(ReasonFile.text(state: "failed", location: folder + "/missing.pdf") == nil)
    }

    @Test func aLinkPlantedAsTheReasonFileShowsNothing() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "axis secret".write(toFile: folder + "/secret", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/x.pdf.error.txt", withDestinationPath: folder + "/secret")
        #expect(ReasonFile.text(state: "failed", location: folder + "/x.pdf") == nil)
        try FileManager.default.linkItem(atPath: folder + "/secret", toPath: folder + "/y.pdf.error.txt")
        #expect(ReasonFile.text(state: "failed", location: folder + "/y.pdf") == nil)
    }

    @Test func aLongFileIsCutAtACharacterBoundaryAndMarked() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // "ắ" is three bytes: 8 KiB falls inside one.
        try String(repeating: "ắ", count: 4000).write(
            toFile: folder + "/x.pdf.error.txt", atomically: true, encoding: .utf8)
        let text = try #require(ReasonFile.text(state: "failed", location: folder + "/x.pdf"))
        #expect(text.hasSuffix("ắ…"))
        #expect(text.utf8.count <= ReasonFile.limit + "…".utf8.count)
        #expect(!text.contains("\u{FFFD}"))
    }
}
