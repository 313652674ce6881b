import ArgumentParser
import Config

/// `--config PATH`, shared by every subcommand that reads the configuration.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: "The configuration file.")
    var config: String = ConfigLoader.defaultPath

    /// Loads and validates the configuration, or exits 1 with every problem listed.
    func load() throws -> LienthongConfig {
        do {
            return try ConfigLoader.load(path: config)
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
    }
}
