import ArgumentParser
import Config
import Foundation
import StateStore

/// Opens the daemon's state database read-only, for the inspection commands.
struct StateOption: ParsableArguments {
    @OptionGroup var options: ConfigOption

    func openStore() throws -> DocumentStore {
        try openStore(config: try options.load())
    }

    func openStore(config: LienthongConfig) throws -> DocumentStore {
        guard FileManager.default.fileExists(atPath: config.stateDatabasePath) else {
            printError("no state database at \(config.stateDatabasePath) yet: has `lienthong run` started?")
            throw ExitCode.failure
        }
        do {
            return try DocumentStore(readingFrom: config.stateDatabasePath)
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
    }
}
