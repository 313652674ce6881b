import Foundation

/// A real lienthong or lienthong-axis process, its output kept in a log file for failure messages.
final class ChildProcess {
    let name: String
    let logPath: String
    private let process = Process()

    /// `environment` adds to (or replaces) variables of the test's own environment, e.g. `LIENTHONG_FAILPOINT`.
    init(
        name: String, executable: String, arguments: [String], logPath: String, environment: [String: String] = [:]
    ) throws {
        self.name = name
        self.logPath = logPath
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    var isRunning: Bool { process.isRunning }
    var processIdentifier: Int32 { process.processIdentifier }

    /// Waits for the process to exit by itself.
    func waitUntilExit() { process.waitUntilExit() }
    var terminationStatus: Int32 { process.terminationStatus }

    /// SIGTERM, then wait for the process to exit.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Sends a signal (SIGHUP to reload, SIGUSR1 to poll).
    func send(_ signal: Int32) {
        if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
    }

    /// SIGKILL: no chance to clean up, as after a power cut.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    deinit { stop() }
}

/// Runs a command to completion and returns its exit status and combined output.
@discardableResult
func runCommand(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Polls `condition` every 100 ms until it holds or `timeout` passes, suspending rather than blocking between
/// looks: a test that blocks a thread of Swift's small cooperative pool for a minute starves every async test
/// running beside it (two threads on a two-core CI machine).
func eventually(timeout: TimeInterval, _ condition: () throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    repeat {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(100))
    } while Date() < deadline
    return try condition()
}

/// The blocking form, for synchronous tests only; prefer the async one.
func eventually(timeout: TimeInterval, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    repeat {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.1)
    } while Date() < deadline
    return try condition()
}
