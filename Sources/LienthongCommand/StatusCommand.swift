import ArgumentParser
import Daemon
import Foundation
import StateStore
import SystemSupport

/// `lienthong status`: one screen about the queue and the running daemon.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Queue counts by state, the oldest waiting document, the last errors, and how the daemon runs.")

    @OptionGroup var database: StateOption

    func run() throws {
        let config = try database.options.load()
        printDaemon(stateDirectory: config.stateDirectory)
        printFullDisks([config.stateDirectory] + config.agencies.map(\.folders.root))
        let store = try database.openStore(config: config)
        let counts = try store.countsByState()
        for direction in Direction.allCases {
            let states = DocumentState.allCases.filter { $0.direction == direction }
            let line = states.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
            print("\(direction == .outbound ? "outbound" : "inbound ")  \(line)")
        }
        if let oldest = try store.oldestWaiting() {
            print(
                "oldest waiting: #\(oldest.id ?? 0) \(oldest.fileName) (\(oldest.state.rawValue) since "
                    + "\(localTime(oldest.createdAt)))")
        } else {
            print("oldest waiting: none")
        }
        let errors = try store.recentErrors()
        if !errors.isEmpty {
            print("last errors:")
            for document in errors {
                print(
                    "  #\(document.id ?? 0) \(document.state.rawValue) \(localTime(document.updatedAt)): "
                        + (document.lastError ?? ""))
            }
        }
    }

    /// A full disk stops recording and claiming; it is checked here because the daemon, writing its live status to
    /// the state directory, cannot report a full state directory itself.
    private func printFullDisks(_ paths: [String]) {
        for path in paths {
            guard let space = try? FreeSpace.of(path), space.isFull else { continue }
            print(
                "DISK FULL on \(path): \(space.availableBytes) bytes free; nothing new is recorded or claimed until "
                    + "space is freed (lienthong resumes on its own)")
        }
    }

    /// The live part, from the daemon's `status.json`: watch mode per outbox and the last poll of the axis.
    private func printDaemon(stateDirectory: String) {
        guard let status = try? RuntimeStatus.read(stateDirectory: stateDirectory) else {
            print("daemon: not running (no \(RuntimeStatus.path(stateDirectory: stateDirectory)))")
            return
        }
        let age = Date().timeIntervalSince(status.updatedAt)
        let stale = age > 6 * Double(RuntimeStatus.refreshInterval.components.seconds)
        let alive = RunningDaemon.pid(stateDirectory: stateDirectory) == status.pid
        if !alive {
            print("daemon: NOT running (last seen \(localTime(status.updatedAt)), pid \(status.pid))")
        } else {
            print(
                "daemon: running, pid \(status.pid), since \(localTime(status.startedAt)); axis \(status.axisEndpoint)")
            if stale {
                print(
                    "  its live status below is \(Int(age)) s old: it cannot rewrite "
                        + "\(RuntimeStatus.path(stateDirectory: stateDirectory)) (disk full? see journalctl -u lienthong)"
                )
            }
        }
        for agency in status.agencies {
            let poll: String
            if let error = agency.lastPollError {
                poll = "last poll FAILED: \(error)"
            } else if let time = agency.lastSuccessfulPoll {
                poll = "axis reachable, last poll \(localTime(time))"
            } else {
                poll = "axis not polled yet"
            }
            print("  \(agency.code): outbox watched by \(agency.outboxWatch); \(poll)")
            if let problem = agency.outboundProblem {
                print("    STOPPED, outbound: \(problem)")
            }
            if let problem = agency.inboundProblem {
                print("    STOPPED, inbound: \(problem)")
            }
            for folder in agency.waitingFolders ?? [] {
                print("    WAITING, nothing sent: \(folder) holds files but no document.meta.yaml (misspelt code?)")
            }
        }
    }
}
