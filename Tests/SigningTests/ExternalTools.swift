import Foundation
import Testing

/// Independent validators and PDF producers run by the PAdES tests. A missing tool fails the test with the command
/// that installs it (the CI script installs them all).
enum ExternalTools {
    struct Missing: Error, CustomStringConvertible {
        let tool: String
        let install: String
        var description: String { "\(tool) is not installed; install it with: \(install)" }
    }

    struct Result {
        let status: Int32
        let output: String
        var succeeded: Bool { status == 0 }
    }

    static let installHints: [String: String] = [
        "qpdf": "apt-get install -y qpdf",
        "pdfsig": "apt-get install -y poppler-utils",
        "certutil": "apt-get install -y libnss3-tools",
        "python3": "apt-get install -y python3 python3-pip",
        "pyhanko": "pip install pyhanko pyhanko-cli",
        "reportlab": "pip install reportlab",
        "softhsm2-util": "apt-get install -y softhsm2",
        "pkcs11-tool": "apt-get install -y opensc",
        "cc": "apt-get install -y gcc libp11-kit-dev",
    ]

    /// The absolute path of `tool` on PATH, or throws ``Missing``.
    static func require(_ tool: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Missing(tool: tool, install: installHints[tool] ?? "apt-get install -y \(tool)")
    }

    /// Runs `tool` with `arguments`, standard output and error merged, in `directory`.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in directory: URL) throws -> Result {
        let executable = try require(tool)
        let logPath = directory.appendingPathComponent("\(tool)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logPath.path, contents: nil)
        let log = try FileHandle(forWritingTo: logPath)
        defer {
            try? log.close()
            try? FileManager.default.removeItem(at: logPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOf: logPath, encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, output: output)
    }
}
