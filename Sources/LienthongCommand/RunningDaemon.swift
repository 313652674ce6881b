import Daemon
import Foundation

/// The running daemon, found through its `status.json`, checked to still be lienthong before it is signalled.
enum RunningDaemon {
    static func pid(stateDirectory: String) -> pid_t? {
        guard let status = try? RuntimeStatus.read(stateDirectory: stateDirectory) else { return nil }
        let command = (try? String(contentsOfFile: "/proc/\(status.pid)/comm", encoding: .utf8)) ?? ""
        return command.trimmingCharacters(in: .whitespacesAndNewlines) == "lienthong" ? status.pid : nil
    }
}
