import Foundation

/// Runs a tool from the base system (openssl, sha256sum) to get an independent answer.
enum ProcessRunner {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ executable: String, _ arguments: [String], input: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) exited with \(process.terminationStatus)")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `openssl dgst -sha256 -hmac KEY` over `message`; returns the lowercase hex digest.
    static func opensslHMAC(key: String, message: String) throws -> String {
        let output = try run("/usr/bin/openssl", ["dgst", "-sha256", "-hmac", key], input: Array(message.utf8))
        guard let hex = output.split(separator: "=").last?.trimmingCharacters(in: .whitespacesAndNewlines) else {
            throw Failure(description: "unexpected openssl output: \(output)")
        }
        return hex
    }
}
