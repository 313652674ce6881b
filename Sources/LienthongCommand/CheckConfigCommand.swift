import ArgumentParser
import Config
import Foundation
import Signing

/// `lienthong check-config`: validates the configuration and what it points at, and says what to fix.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration, folders, keys and certificates.")

    @OptionGroup var options: ConfigOption

    func run() throws {
        let config = try options.load()
        var problems: [String] = []
        do {
            _ = try config.axis.loadSecret()
        } catch {
            problems.append("\(error)")
        }
        do {
            let identity = try SigningIdentity.load(
                privateKeyPath: config.signing.privateKey, certificatePath: config.signing.certificate,
                chainPath: config.signing.chain, passwordFile: config.signing.passwordFile)
            print("signing certificate: \(identity.subject), valid until \(localTime(identity.notAfter))")
        } catch {
            problems.append("\(error)")
        }
        for agency in config.agencies {
            for (name, path) in [("outbox", agency.folders.outbox), ("inbox", agency.folders.inbox)] {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    problems.append("agency \(agency.code): \(name) \(path) exists but is not a folder")
                } else if FileManager.default.fileExists(atPath: path), !FileManager.default.isWritableFile(atPath: path)
                {
                    problems.append("agency \(agency.code): \(name) \(path) is not writable by this user")
                }
            }
        }
        if problems.isEmpty {
            print("configuration \(options.config) is valid: \(config.agencies.count) agency(ies)")
        } else {
            for problem in problems { printError("error: \(problem)") }
            throw ExitCode.failure
        }
    }
}
