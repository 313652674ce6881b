import ArgumentParser
import Config
import Daemon
import Foundation
import StateStore
import SystemSupport

/// `lienthong status`: is the daemon running, what is each agency stuck on, what waits now and why, what needs a
/// person, and the lifetime totals; `--json` gives the same content to scripts and monitoring.
///
/// Exit codes follow the LSB for init scripts, so monitoring can use them: 0 running, 3 not running, 4 the
/// configuration or the state database cannot be read.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Whether the daemon runs, what waits and why, what needs a person (exit 0 running, 3 not, 4 unknown)."
    )

    static let notRunning: Int32 = 3
    static let unknown: Int32 = 4

    @OptionGroup var database: StateOption
    @Flag(help: "Print the same content as JSON, for scripts and monitoring.") var json = false

    func run() throws {
        let config: LienthongConfig
        do {
            config = try ConfigLoader.load(path: database.options.config)
        } catch {
            printError("status unknown: \(error)")
            throw ExitCode(Self.unknown)
        }
        let store: DocumentStore
        if FileManager.default.fileExists(atPath: config.stateDatabasePath) {
            do {
                store = try DocumentStore(readingFrom: config.stateDatabasePath)
            } catch {
                printError("status unknown: cannot read \(config.stateDatabasePath): \(error)")
                throw ExitCode(Self.unknown)
            }
        } else {
            printError(
                "daemon: not running (no state database at \(config.stateDatabasePath): has `lienthong run` started?)")
            throw ExitCode(Self.notRunning)
        }
        let report: StatusReport
        do {
            report = try StatusReport.gather(config: config, store: store) { pid in
                RunningDaemon.pid(stateDirectory: config.stateDirectory) == pid
            }
        } catch {
            printError("status unknown: cannot read \(config.stateDatabasePath): \(error)")
            throw ExitCode(Self.unknown)
        }
        if json {
            FileHandle.standardOutput.write(Data(try report.json()))
        } else {
            print(StatusText(report: report, zone: config.timeZone).lines.joined(separator: "\n"))
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
