import Foundation
import Testing

@testable import SystemSupport

/// A share that was prepared once is told from the empty folder it leaves when unmounted.
@Suite struct ShareMarkersTests {
    @Test func aNewShareIsCreatedMarkedAndRemembered() throws {
        try TemporaryDirectory.with { directory in
            let root = directory.file("share")
            let markers = ShareMarkers(stateDirectory: directory.path)
            let availability = try markers.check(root)
            #expect(availability == .available)
            #expect(FileManager.default.fileExists(atPath: root + "/" + ShareMarkers.fileName))
            let known = try directory.read("shares.known")
            #expect(known == root + "\n")
        }
    }

    @Test func aKnownShareWithoutItsMarkerIsUnavailableAndNothingIsWrittenThere() throws {
        try TemporaryDirectory.with { directory in
            let root = directory.file("share")
            _ = try ShareMarkers(stateDirectory: directory.path).check(root)
            try FileManager.default.removeItem(atPath: root)
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)

            // A new instance, as after a restart, reads what it knows from the state directory.
            let markers = ShareMarkers(stateDirectory: directory.path)
            guard case .unavailable(let reason) = try markers.check(root) else {
                Issue.record("an empty folder where a known share was is not unavailable")
                return
            }
            #expect(reason.contains("unmounted") && reason.contains("shares.known"), "\(reason)")
            let written = try FileManager.default.contentsOfDirectory(atPath: root)
            #expect(written.isEmpty)

            try Data().write(to: URL(fileURLWithPath: root + "/" + ShareMarkers.fileName))
            let remounted = try markers.check(root)
            #expect(remounted == .available)
        }
    }

    @Test func anExistingFolderWithoutAMarkerIsAdoptedTheFirstTime() throws {
        try TemporaryDirectory.with { directory in
            let root = directory.file("share")
            try FileManager.default.createDirectory(atPath: root + "/inbox", withIntermediateDirectories: true)
            let adopted = try ShareMarkers(stateDirectory: directory.path).check(root)
            #expect(adopted == .available)
            #expect(FileManager.default.fileExists(atPath: root + "/inbox"))
            #expect(FileManager.default.fileExists(atPath: root + "/" + ShareMarkers.fileName))
        }
    }
}
