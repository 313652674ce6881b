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
        guard let pid = RunningDaemon.pid(stateDirectory: config.stateDirectory) else {
            printError(
                "the daemon is not running (no live lienthong in \(RuntimeStatus.path(stateDirectory: config.stateDirectory)))"
            )
            throw ExitCode.failure
        }
        guard kill(pid, SIGUSR1) == 0 else {
            printError("cannot signal pid \(pid): \(String(cString: strerror(errno))); run as lienthong's user")
            throw ExitCode.failure
        }
        print("asked lienthong (pid \(pid)) to poll the axis now")
    }
}
