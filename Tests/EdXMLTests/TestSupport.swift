import Foundation
import Testing

/// Where the shared real-world samples live: `../shared/fixtures/vxp-samples` next to the repository,
/// or `$LIENTHONG_SHARED/fixtures/vxp-samples`.
enum Fixtures {
    static let directory: URL = {
        if let shared = ProcessInfo.processInfo.environment["LIENTHONG_SHARED"], !shared.isEmpty {
            return URL(fileURLWithPath: shared).appendingPathComponent("fixtures/vxp-samples")
        }
        // #filePath = <repo>/Tests/EdXMLTests/TestSupport.swift
        let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/fixtures/vxp-samples")
    }()

    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    static let statusFiles: [(file: String, code: String)] = [
        ("status.edxml", "01"),
        ("status_inbox__01.edxml", "01"),
        ("status_rejection_02.edxml", "02"),
        ("status_acceptance_03.edxml", "03"),
        ("status_assignment_04.edxml", "04"),
        ("status_processing_05.edxml", "05"),
        ("status_finish_06.edxml", "06"),
        ("status_cancellation_13.edxml", "13"),
        ("status_change-acceptance_15.edxml", "15"),
        ("status_change-rejection_16.edxml", "16"),
    ]
}

/// A fresh directory under the system temporary directory, removed when the test ends.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("edxml-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    var path: String { url.path }

    func file(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `text` as UTF-8 to a new file and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Makes a subdirectory and returns its path.
    func makeDirectory(_ name: String) throws -> String {
        let path = file(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }
}
