import ArgumentParser
import AxisClient
import AxisProtocol
import Config
import Daemon
import Foundation
import Logging
import Signing

/// `lienthong check-config`: validates the configuration and what it points at, and says what to fix.
/// With `--online` it also calls the axis (the two count methods) and says whether it is reachable and accepts our
/// system id and secret.
struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration, folders, keys and certificates.",
        discussion: """
            With --online, also call the axis (countReceiveEdoc and countReceiveStatus) and report whether it is \
            reachable, whether it accepts the system id and secret, and any TLS problem. Exit 1 on any problem.
            """)

    @OptionGroup var options: ConfigOption

    @Flag(name: .long, help: "Also call the axis to check reachability, TLS and authentication.")
    var online = false

    func run() async throws {
        let config = try options.load()
        var problems: [String] = config.referencedFileProblems()
        var secret: String?
        do {
            secret = try config.axis.loadSecret()
        } catch {
            problems.append("\(error)")
        }
        do {
            let key = try SignerFactory.key(for: config.signing, proxy: config.axis.proxy)
            if let identity = key as? SigningIdentity {
                let until = localTime(identity.notAfter, in: config.timeZone)
                print("signing certificate: \(identity.subject), valid until \(until)")
            } else {
                print(try SignerFactory.describe(key))
            }
        } catch {
            problems.append("\(error)")
        }
        for warning in config.warnings() { printError("warning: \(warning)") }
        for agency in config.agencies {
            for (name, path) in [("outbox", agency.folders.outbox), ("inbox", agency.folders.inbox)] {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    problems.append("agency \(agency.code): \(name) \(path) exists but is not a folder")
                } else if FileManager.default.fileExists(atPath: path),
                    !FileManager.default.isWritableFile(atPath: path)
                {
                    problems.append("agency \(agency.code): \(name) \(path) is not writable by this user")
                }
            }
        }
        if online, let secret {
            if let problem = await checkAxis(config.axis, secret: secret) { problems.append(problem) }
        } else if online {
            problems.append("axis \(config.axis.endpoint): not called, because the axis secret could not be read")
        }
        if online, let timestamp = config.signing.timestamp {
            if let problem = checkTimestampAuthority(config, url: timestamp.url) { problems.append(problem) }
        }
        print(
            "dates for clerks and admins: \(config.timeZone)"
                + (config.timeZone == .vietnam ? " (Vietnam time)" : "; what the axis reads stays Vietnam time"))
        if problems.isEmpty {
            print("configuration \(options.config) is valid: \(config.agencies.count) agency(ies)")
        } else {
            for problem in problems { printError("error: \(problem)") }
            // lienthong.service runs this as ExecStartPre=, so this line is what `journalctl -u lienthong` shows
            // after a fresh install, before the example configuration has been edited.
            printError(
                "configuration \(options.config) is not usable (\(problems.count) problem(s) above): fix it; "
                    + "lienthong.service does not start until `lienthong check-config` passes")
            throw ExitCode.failure
        }
    }

    /// Asks the timestamp authority for one token over random bytes and checks it as signing would; returns what
    /// went wrong as a problem.
    private func checkTimestampAuthority(_ config: LienthongConfig, url: String) -> String? {
        do {
            guard let timestamper = try SignerFactory.timestamper(for: config.signing, proxy: config.axis.proxy)
            else { return nil }
            var probe = [UInt8](repeating: 0, count: 32)
            for index in probe.indices { probe[index] = UInt8.random(in: 0...255) }
            let token = try timestamper.token(forSignatureValue: probe)
            print("timestamp authority \(url): OK (a \(token.count)-byte token, checked)")
            return nil
        } catch {
            return "timestamp authority \(url): \(error)"
        }
    }

    /// Calls the axis and prints the verdict; returns it as a problem when it is not OK.
    private func checkAxis(_ settings: AxisSettings, secret: String) async -> String? {
        let endpoint: AxisEndpoint
        do {
            var configured = try AxisEndpointFactory.endpoint(for: settings)
            configured.requestTimeout = min(settings.requestTimeout, .seconds(30))
            endpoint = configured
        } catch {
            return "axis \(settings.endpoint): \(error)"
        }
        let client = AxisClient(
            endpoint: endpoint, credentials: AxisCredentials(systemId: settings.systemId, secret: secret),
            logger: Logger(label: "lienthong.check-config") { _ in SwiftLogNoOpLogHandler() })
        let verdict = await client.checkConnection()
        let line = "axis \(settings.endpoint) as system id \(settings.systemId): \(verdict)"
        guard verdict.isOK else { return line }
        print(line)
        return nil
    }
}
