import Foundation

/// A fresh directory under the system's temporary directory, removed when the test body returns.
struct TemporaryDirectory {
    let path: String

    @discardableResult
    static func with<T>(_ body: (TemporaryDirectory) throws -> T) throws -> T {
        try with(base: FileManager.default.temporaryDirectory.path, body)
    }

    @discardableResult
    static func with<T>(base: String, _ body: (TemporaryDirectory) throws -> T) throws -> T {
        let path = base + "/lienthong-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(TemporaryDirectory(path: path))
    }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    func read(_ name: String) throws -> String {
        try String(decoding: Data(contentsOf: URL(fileURLWithPath: file(name))), as: UTF8.self)
    }

    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}
