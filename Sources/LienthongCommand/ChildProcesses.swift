import Foundation

/// The demo's child processes, each logging to its own file, stopped with SIGTERM when the demo ends.
struct ChildProcesses {
    private var processes: [Process] = []

    mutating func start(_ executable: String, _ arguments: [String], log: String) throws {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw DemoError("cannot start \(executable): \(error)")
        }
        processes.append(process)
    }

    func anyExited() -> Bool { processes.contains { !$0.isRunning } }

    func terminateAll() {
        for process in processes where process.isRunning { process.terminate() }
        for process in processes { process.waitUntilExit() }
    }
}
