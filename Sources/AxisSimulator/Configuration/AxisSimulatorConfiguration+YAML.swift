import Foundation
import Yams

/// The YAML format of `lienthong-axis --config FILE`:
///
/// ```yaml
/// listen_address: 127.0.0.1      # default 127.0.0.1
/// port: 8080                      # default 0 = any free port
/// admin_address: 127.0.0.1       # loopback only; default 127.0.0.1
/// admin_port: 8081                # default 0 = any free port
/// base_path: /XrdAdapter/adapter  # default "/" (any prefix before /<method>)
/// data_directory: /var/lib/lienthong-axis   # required; relative paths are relative to this file
/// max_body_bytes: 1073741824      # default 1 GiB
/// max_connections: 64             # default 64
/// systems:                        # required, at least one
///   - system_id: vxp.saas.03
///     secret_file: secrets/vxp.saas.03.key  # the 44-character secret; should be mode 0600
///     agencies: [vxp.saas.03]     # the agencies this system may send for
/// agencies:                       # for getAgenciesList and recipient checks
///   - code: 000.00.00.H41
///     name: UBND Tinh Nghe An
///     email: nghean@example.vn    # optional
///     old_code: ""                # optional
/// tls:                            # optional: HTTPS on the axis listener (admin stays plain loopback)
///   certificate: tls/axis.crt     # PEM chain, server certificate first
///   private_key: tls/axis.key     # PEM, unencrypted
///   client_ca: tls/clients-ca.crt # optional: when set, a client certificate signed by it is required
///   min_version: "1.2"            # "1.2" (default) or "1.3"
/// append_trace_header: true       # default true: serve recipients the envelope plus one TraceHeader
/// trace_organ_id: 000.00.00.VXP   # optional OrganId of that TraceHeader; default the sender's code
/// clock_offset: -7h               # optional: shift every time the axis reports (list replies, TraceHeader),
///                                 # e.g. -7h (an axis writing UTC as if Vietnam time), +90m, -30s; default 0
/// timestamp_authority:            # optional: a test RFC 3161 TSA at POST /tsa on the axis listener
///   certificate: tsa/tsa.crt      # PEM, extendedKeyUsage timeStamping (critical), then any intermediates
///   private_key: tsa/tsa.key      # PEM, unencrypted
///   policy: 1.3.6.1.4.1.4146.1.2  # optional TSA policy OID
///   accuracy_seconds: 1           # optional, default 1
/// ```
/// The example `etc/lienthong/lienthong-axis.yaml` documents every key.
extension AxisSimulatorConfiguration {
    private static let topLevelKeys: Set<String> = [
        "listen_address", "port", "admin_address", "admin_port", "base_path", "data_directory", "max_body_bytes",
        "max_connections", "systems", "agencies", "tls", "append_trace_header", "trace_organ_id",
        "timestamp_authority", "clock_offset",
    ]

    /// Reads and validates a configuration file. Secrets are read from their files; problems that do not stop the
    /// simulator (a world-readable secret, a secret that is not 44 characters) are collected in ``warnings``.
    public static func load(fromFile path: String) throws(AxisConfigurationError) -> AxisSimulatorConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        let baseDirectory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        return try parse(yaml: text, sourcePath: path, baseDirectory: baseDirectory)
    }

    /// Parses YAML text; relative paths are resolved against `baseDirectory`.
    public static func parse(yaml text: String, sourcePath: String = "<text>", baseDirectory: String)
        throws(AxisConfigurationError) -> AxisSimulatorConfiguration
    {
        let root: Any?
        do {
            root = try Yams.load(yaml: text)
        } catch {
            throw .invalidYAML(path: sourcePath, reason: "\(error)")
        }
        guard let top = root as? [String: Any] else { throw .wrongType(key: "(top level)", expected: "a mapping") }
        let reader = YAMLMappingReader(top, path: "")
        try reader.rejectUnknownKeys(topLevelKeys)

        var warnings: [String] = []
        let listenAddress = try reader.string("listen_address") ?? "127.0.0.1"
        let port = try reader.port("port") ?? 0
        let adminAddress = try reader.string("admin_address") ?? "127.0.0.1"
        guard ["127.0.0.1", "::1", "localhost"].contains(adminAddress) || adminAddress.hasPrefix("127.") else {
            throw .invalidValue(key: "admin_address", reason: "must be a loopback address such as 127.0.0.1")
        }
        let adminPort = try reader.port("admin_port") ?? 0
        let basePath = try reader.string("base_path") ?? "/"
        guard basePath.hasPrefix("/") else {
            throw .invalidValue(key: "base_path", reason: "must start with /, e.g. /XrdAdapter/adapter")
        }
        guard let dataDirectory = try reader.string("data_directory"), !dataDirectory.isEmpty else {
            throw .missingKey("data_directory")
        }
        let maximumBodyBytes = try reader.integer("max_body_bytes").map(Int64.init) ?? 1 << 30
        guard maximumBodyBytes > 0 else { throw .invalidValue(key: "max_body_bytes", reason: "must be positive") }
        let maximumConnections = try reader.integer("max_connections") ?? 64
        guard (1...4096).contains(maximumConnections) else {
            throw .invalidValue(key: "max_connections", reason: "must be between 1 and 4096")
        }

        let agencies = try reader.mappings("agencies").map { agency throws(AxisConfigurationError) in
            try agency.rejectUnknownKeys(["code", "name", "email", "old_code"])
            guard let code = try agency.string("code"), !code.isEmpty else { throw .missingKey(agency.key("code")) }
            return Agency(
                code: code, name: try agency.string("name") ?? "", email: try agency.string("email") ?? "",
                oldCode: try agency.string("old_code") ?? "")
        }
        var seenAgencies = Set<String>()
        for (index, agency) in agencies.enumerated() where !seenAgencies.insert(agency.code).inserted {
            throw .invalidValue(key: "agencies[\(index)].code", reason: "\(agency.code) is listed twice")
        }

        let systemMappings = try reader.mappings("systems")
        guard !systemMappings.isEmpty else { throw .missingKey("systems") }
        var systems: [System] = []
        for system in systemMappings {
            try system.rejectUnknownKeys(["system_id", "secret_file", "agencies"])
            guard let systemId = try system.string("system_id"), !systemId.isEmpty else {
                throw .missingKey(system.key("system_id"))
            }
            guard !systems.contains(where: { $0.systemId == systemId }) else {
                throw .invalidValue(key: system.key("system_id"), reason: "\(systemId) is listed twice")
            }
            guard let secretFile = try system.string("secret_file"), !secretFile.isEmpty else {
                throw .missingKey(system.key("secret_file"))
            }
            let secretPath = resolve(secretFile, against: baseDirectory)
            let (secret, warning) = try readSecret(at: secretPath, key: system.key("secret_file"))
            if let warning { warnings.append(warning) }
            let codes = try system.strings("agencies")
            guard !codes.isEmpty else { throw .missingKey(system.key("agencies")) }
            systems.append(System(systemId: systemId, secret: secret, agencies: codes))
        }

        let tls = try reader.mapping("tls").map { mapping throws(AxisConfigurationError) in
            try parseTLS(mapping, baseDirectory: baseDirectory)
        }
        let appendTraceHeader = try reader.boolean("append_trace_header") ?? true
        let traceOrganId = try reader.string("trace_organ_id").flatMap { $0.isEmpty ? nil : $0 }

        var configuration = AxisSimulatorConfiguration(
            listenAddress: listenAddress, port: port, adminAddress: adminAddress, adminPort: adminPort,
            basePath: basePath, dataDirectory: resolve(dataDirectory, against: baseDirectory),
            maximumBodyBytes: maximumBodyBytes, maximumConnections: maximumConnections, systems: systems,
            agencies: agencies, tls: tls, appendTraceHeader: appendTraceHeader, traceOrganId: traceOrganId)
        configuration.timestampAuthority = try reader.mapping("timestamp_authority").map {
            mapping throws(AxisConfigurationError) in
            try parseTimestampAuthority(mapping, baseDirectory: baseDirectory)
        }
        if let offset = try reader.string("clock_offset") {
            guard let seconds = clockOffset(offset) else {
                throw .invalidValue(
                    key: "clock_offset", reason: "\(offset) is not an offset such as -7h, +8h, 90m or -30s")
            }
            configuration.clockOffsetSeconds = seconds
        }
        configuration.warnings = warnings
        return configuration
    }

    /// `-7h`, `+8h`, `90m`, `-30s`, `0`: a signed whole number of hours, minutes or seconds, within ±48 hours.
    static func clockOffset(_ text: String) -> Int? {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        if digits == "0" { return 0 }
        var sign = 1
        if let first = digits.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            digits = digits.dropFirst()
        }
        guard let unit = digits.last, let multiplier = ["h": 3600, "m": 60, "s": 1][unit],
            let value = Int(digits.dropLast()), digits.dropLast().allSatisfy(\.isNumber)
        else { return nil }
        let seconds = sign * value * multiplier
        return abs(seconds) <= 48 * 3600 ? seconds : nil
    }

    private static func parseTimestampAuthority(_ tsa: YAMLMappingReader, baseDirectory: String)
        throws(AxisConfigurationError) -> AxisTimestampAuthorityConfiguration
    {
        try tsa.rejectUnknownKeys(["certificate", "private_key", "policy", "accuracy_seconds"])
        guard let certificate = try tsa.string("certificate"), !certificate.isEmpty else {
            throw .missingKey(tsa.key("certificate"))
        }
        guard let privateKey = try tsa.string("private_key"), !privateKey.isEmpty else {
            throw .missingKey(tsa.key("private_key"))
        }
        var authority = AxisTimestampAuthorityConfiguration(
            certificatePath: resolve(certificate, against: baseDirectory),
            privateKeyPath: resolve(privateKey, against: baseDirectory))
        if let policy = try tsa.string("policy") {
            let arcs = policy.split(separator: ".", omittingEmptySubsequences: false)
            guard arcs.count >= 2, arcs.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
                throw .invalidValue(key: tsa.key("policy"), reason: "\(policy) is not a dotted OID such as 1.2.3.4")
            }
            authority.policyOID = policy
        }
        if let accuracy = try tsa.integer("accuracy_seconds") {
            guard (1...60).contains(accuracy) else {
                throw .invalidValue(key: tsa.key("accuracy_seconds"), reason: "must be between 1 and 60")
            }
            authority.accuracySeconds = accuracy
        }
        return authority
    }

    private static func parseTLS(_ tls: YAMLMappingReader, baseDirectory: String)
        throws(AxisConfigurationError) -> AxisTLSConfiguration
    {
        try tls.rejectUnknownKeys(["certificate", "private_key", "client_ca", "min_version"])
        guard let certificate = try tls.string("certificate"), !certificate.isEmpty else {
            throw .missingKey(tls.key("certificate"))
        }
        guard let privateKey = try tls.string("private_key"), !privateKey.isEmpty else {
            throw .missingKey(tls.key("private_key"))
        }
        let clientCA = try tls.string("client_ca").flatMap { $0.isEmpty ? nil : $0 }
        let versionText = try tls.string("min_version") ?? AxisTLSConfiguration.MinimumVersion.tls12.rawValue
        guard let version = AxisTLSConfiguration.MinimumVersion(rawValue: versionText) else {
            throw .invalidValue(key: tls.key("min_version"), reason: "\(versionText) is not \"1.2\" or \"1.3\"")
        }
        return AxisTLSConfiguration(
            certificatePath: resolve(certificate, against: baseDirectory),
            privateKeyPath: resolve(privateKey, against: baseDirectory),
            clientCAPath: clientCA.map { resolve($0, against: baseDirectory) }, minimumVersion: version)
    }

    private static func resolve(_ path: String, against base: String) -> String {
        path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
    }

    /// Reads a secret file, trimming surrounding whitespace. Warns (does not refuse) when group or others can read
    /// it, or when it is not the 44 characters the axis issues.
    private static func readSecret(at path: String, key: String)
        throws(AxisConfigurationError) -> (String, String?)
    {
        let contents: String
        do {
            contents = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableSecret(key: key, path: path, reason: error.localizedDescription)
        }
        let secret = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw .unreadableSecret(key: key, path: path, reason: "the file is empty") }
        var warnings: [String] = []
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            warnings.append("\(key): \(path) is readable by group or others; run chmod 600 \(path)")
        }
        if secret.count != 44 {
            warnings.append("\(key): the secret in \(path) has \(secret.count) characters; the axis issues 44")
        }
        return (secret, warnings.isEmpty ? nil : warnings.joined(separator: "; "))
    }
}
