import Foundation

/// The shared real-world samples: `../shared/fixtures/vxp-samples` next to the repository (found from this file's
/// real path), or `$LIENTHONG_SHARED/fixtures/vxp-samples`.
enum Fixtures {
    static let directory: URL = {
        let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let beside = repository.deletingLastPathComponent().appendingPathComponent("shared/fixtures/vxp-samples")
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        let shared = ProcessInfo.processInfo.environment["LIENTHONG_SHARED"] ?? ""
        return URL(fileURLWithPath: shared).appendingPathComponent("fixtures/vxp-samples")
    }()

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Every `.edxml` sample, sorted by name.
    static func sampleNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".edxml") }.sorted()
    }
}
