import Foundation

/// Runs the command-line tools the TLS tests need (`openssl`, `curl`). A missing tool fails the test with an
/// install hint; it never skips it.
enum TestTools {
    struct Result {
        var status: Int32
        var output: String
        var errorOutput: String
    }

    struct ToolError: Error, CustomStringConvertible {
        let description: String
    }

    static func path(of tool: String, package: String) throws -> String {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ToolError(description: "\(tool) is not installed; run: apt-get install -y \(package)")
    }

    /// Runs `tool` with `arguments` and waits; stdout and stderr are collected.
    static func run(_ tool: String, package: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path(of: tool, package: package))
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a chatty tool cannot block on a full pipe.
        let errorData = DataBox()
        let errorsRead = DispatchSemaphore(value: 0)
        let errorReader = Thread {
            errorData.data = errors.fileHandleForReading.readDataToEndOfFile()
            errorsRead.signal()
        }
        errorReader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errorsRead.wait()
        return Result(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            errorOutput: String(decoding: errorData.data, as: UTF8.self))
    }

    static func openssl(_ arguments: [String]) throws {
        let result = try run("openssl", package: "openssl", arguments)
        guard result.status == 0 else {
            throw ToolError(description: "openssl \(arguments.joined(separator: " ")) failed: \(result.errorOutput)")
        }
    }

    static func curl(_ arguments: [String]) throws -> Result {
        try run("curl", package: "curl", ["--silent", "--show-error", "--max-time", "10"] + arguments)
    }
}

/// Bytes written by a reader thread and read after it signalled (the semaphore orders the accesses).
final class DataBox: @unchecked Sendable {
    var data = Data()
}
