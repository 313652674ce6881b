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
        try config.openStateForReading()
    }
}
