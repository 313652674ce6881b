import ArgumentParser
import Daemon
import Foundation

/// `lienthong poll`: asks the running daemon (SIGUSR1) to poll the axis and look at its queue now.
struct PollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll", abstract: "Ask the running daemon to poll the axis now.")

    @OptionGroup var options: ConfigOption

    func run() throws {
        let config = try options.load()
        guard let status = try? RuntimeStatus.read(stateDirectory: config.stateDirectory) else {
            printError("the daemon is not running: no \(RuntimeStatus.path(stateDirectory: config.stateDirectory))")
            throw ExitCode.failure
        }
        // The pid comes from a file: make sure it is still lienthong before signalling it.
        let command = (try? String(contentsOfFile: "/proc/\(status.pid)/comm", encoding: .utf8)) ?? ""
        guard command.trimmingCharacters(in: .whitespacesAndNewlines) == "lienthong" else {
            printError("the daemon is not running (pid \(status.pid) is not lienthong)")
            throw ExitCode.failure
        }
        guard kill(status.pid, SIGUSR1) == 0 else {
            printError("cannot signal pid \(status.pid): \(String(cString: strerror(errno))); run as lienthong's user")
            throw ExitCode.failure
        }
        print("asked lienthong (pid \(status.pid)) to poll the axis now")
    }
}
