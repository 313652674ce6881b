import Foundation

/// The built `lienthong` and `lienthong-axis` executables, found next to the test bundle
/// (`swift build` puts products and the test bundle in the same folder), or in `LIENTHONG_BIN_DIR`.
enum TestBinaries {
    static var directory: String {
        if let override = ProcessInfo.processInfo.environment["LIENTHONG_BIN_DIR"] { return override }
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return URL(fileURLWithPath: bundle).deletingLastPathComponent().path
    }

    static func path(_ name: String) throws -> String {
        let path = directory + "/" + name
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw IntegrationError("\(path) is missing: run `swift build` before `swift test`")
        }
        return path
    }
}

struct IntegrationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
