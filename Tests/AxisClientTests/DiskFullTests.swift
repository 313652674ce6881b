import AxisClient
import Foundation
import Glibc
import SystemSupport
import Testing

/// A download onto a full disk: the failure must say so (`lienthong status` shows "disk full") and leave the earlier
/// partial copy as it was. A 64 KiB tmpfs plays the full disk; mounting it needs root (CAP_SYS_ADMIN), as in CI.
@Suite struct DiskFullTests {
    static let canMount: Bool = {
        guard geteuid() == 0, let directory = try? TemporaryDirectory() else { return false }
        defer { directory.remove() }
        guard mount("tmpfs", directory.url.path, "tmpfs", 0, "size=64k") == 0 else { return false }
        return umount2(directory.url.path, Int32(MNT_DETACH)) == 0
    }()

    @Test(.enabled(if: canMount, "mounting a 64 KiB tmpfs needs root (CAP_SYS_ADMIN), as in CI"))
    func aDownloadOntoAFullDiskIsNoSpaceTransientAndKeepsTheEarlierCopy() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tiny = directory.path("tiny")
        try FileManager.default.createDirectory(atPath: tiny, withIntermediateDirectories: false)
        #expect(mount("tmpfs", tiny, "tmpfs", 0, "size=64k") == 0)
        defer { umount2(tiny, Int32(MNT_DETACH)) }
        let target = tiny + "/envelope.edxml.part"
        try Data("an earlier partial download".utf8).write(to: URL(fileURLWithPath: target))

        let document = TestSupport.documentBytes(count: 1_000_000)
        try await TestSupport.withResponder([
            .respond(status: 200, contentType: "application/octet-stream", body: document)
        ]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = try #require(
                await TestSupport.axisError {
                    try await client.downloadEdoc(docId: "d-full", to: target)
                })
            #expect(error.systemError?.isNoSpace == true)
            #expect(error.systemError?.path == target)
            #expect(error.failureClass == .transient)
            #expect(error.description.contains("is full"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tiny) == ["envelope.edxml.part"])
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "an earlier partial download")
    }
}
