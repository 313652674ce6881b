import Foundation
import Synchronization

/// A fresh directory under the system's temporary directory, removed when the test body returns.
struct TemporaryDirectory {
    let path: String

    @discardableResult
    static func with<T>(_ body: (TemporaryDirectory) async throws -> T) async throws -> T {
        let path = FileManager.default.temporaryDirectory.path + "/lienthong-watch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(TemporaryDirectory(path: path))
    }

    func file(_ relative: String) -> String { path + "/" + relative }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let target = file(relative)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    func move(_ from: String, to: String) throws {
        try FileManager.default.moveItem(atPath: file(from), toPath: file(to))
    }
}

/// Collects values from another task, for waiting on them with a deadline.
final class Collector<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    func append(_ value: Value) { values.withLock { $0.append(value) } }

    var all: [Value] { values.withLock { $0 } }

    /// Waits until `condition` holds for the collected values, or `timeout` passes; returns whether it held.
    func wait(timeout: Duration = .seconds(20), until condition: ([Value]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(all) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(all)
    }
}
