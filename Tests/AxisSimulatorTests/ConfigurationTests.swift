import Foundation
import Testing

@testable import AxisSimulator

@Suite("Configuration")
struct ConfigurationTests {
    /// A temp directory with a secret file, removed by `cleanup`.
    struct Workspace {
        let directory: URL
        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "axis-config-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
            let path = directory.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            return path
        }
        func cleanup() { try? FileManager.default.removeItem(at: directory) }
    }

    static let secret = String(repeating: "k", count: 43) + "="

    @Test func fullConfigurationIsReadWithSecretsAndRelativePaths() throws {
        let workspace = try Workspace()
        defer { workspace.cleanup() }
        _ = try workspace.write("saas.key", Self.secret + "\n")
        let path = try workspace.write(
            "axis.yaml",
            """
            listen_address: 127.0.0.1
            port: 18080
            admin_port: 18081
            base_path: /XrdAdapter/adapter
            data_directory: data
            max_body_bytes: 5000
            systems:
              - system_id: vxp.saas.03
                secret_file: saas.key
                agencies: [vxp.saas.03, 000.00.00.H41]
            agencies:
              - code: 000.00.00.G22
                name: Van phong Chinh phu
                email: vpcp@example.vn
            """)
        let configuration = try AxisSimulatorConfiguration.load(fromFile: path)
        #expect(configuration.port == 18080)
        #expect(configuration.adminPort == 18081)
        #expect(configuration.basePath == "/XrdAdapter/adapter")
        #expect(configuration.dataDirectory == workspace.directory.appendingPathComponent("data").path)
        #expect(configuration.maximumBodyBytes == 5000)
        #expect(configuration.systems.first?.secret == Self.secret)
        #expect(configuration.systems.first?.agencies == ["vxp.saas.03", "000.00.00.H41"])
        #expect(
            configuration.agencies == [
                .init(code: "000.00.00.G22", name: "Van phong Chinh phu", email: "vpcp@example.vn")
            ])
        #expect(configuration.knownAgencyCodes == ["vxp.saas.03", "000.00.00.H41", "000.00.00.G22"])
        #expect(configuration.warnings.isEmpty)
    }

    @Test func worldReadableSecretIsAcceptedWithAWarning() throws {
        let workspace = try Workspace()
        defer { workspace.cleanup() }
        let secretPath = try workspace.write("open.key", Self.secret, mode: 0o644)
        let path = try workspace.write(
            "axis.yaml",
            """
            data_directory: /tmp/unused
            systems:
              - {system_id: a, secret_file: open.key, agencies: [a]}
            """)
        let configuration = try AxisSimulatorConfiguration.load(fromFile: path)
        #expect(configuration.warnings.count == 1)
        #expect(configuration.warnings.first?.contains("chmod 600 \(secretPath)") == true)
    }

    @Test func errorsNameTheOffendingKey() throws {
        let workspace = try Workspace()
        defer { workspace.cleanup() }
        _ = try workspace.write("s.key", Self.secret)
        let cases: [(String, AxisConfigurationError)] = [
            ("systems: []", .missingKey("data_directory")),
            ("data_directory: d\nsystems:\n  - {system_id: a, agencies: [a]}", .missingKey("systems[0].secret_file")),
            (
                "data_directory: d\nport: 70000\nsystems:\n  - {system_id: a, secret_file: s.key, agencies: [a]}",
                .invalidValue(key: "port", reason: "70000 is not a port (0...65535; 0 picks a free one)")
            ),
            ("data_directory: d\nsytems: []", .unknownKey("sytems")),
            (
                "data_directory: d\nadmin_address: 0.0.0.0\nsystems: []",
                .invalidValue(key: "admin_address", reason: "must be a loopback address such as 127.0.0.1")
            ),
        ]
        for (yaml, expected) in cases {
            #expect(throws: expected) {
                _ = try AxisSimulatorConfiguration.parse(yaml: yaml, baseDirectory: workspace.directory.path)
            }
        }
    }

    @Test func missingSecretFileIsReportedWithItsKeyAndPath() throws {
        let workspace = try Workspace()
        defer { workspace.cleanup() }
        let yaml = "data_directory: d\nsystems:\n  - {system_id: a, secret_file: nowhere.key, agencies: [a]}"
        do {
            _ = try AxisSimulatorConfiguration.parse(yaml: yaml, baseDirectory: workspace.directory.path)
            Issue.record("a missing secret file was accepted")
        } catch {
            #expect(error.description.contains("systems[0].secret_file"))
            #expect(error.description.contains("nowhere.key"))
        }
    }

    @Test func tlsAndTraceKeysAreReadWithPathsRelativeToTheFile() throws {
        let workspace = try Workspace()
        defer { workspace.cleanup() }
        _ = try workspace.write("s.key", Self.secret)
        let yaml = """
            data_directory: d
            systems:
              - {system_id: a, secret_file: s.key, agencies: [a]}
            tls:
              certificate: tls/axis.crt
              private_key: /etc/axis.key
              client_ca: tls/ca.crt
              min_version: 1.3
            append_trace_header: false
            trace_organ_id: 000.00.00.VXP
            """
        let configuration = try AxisSimulatorConfiguration.parse(yaml: yaml, baseDirectory: workspace.directory.path)
        let base = workspace.directory.path
        #expect(
            configuration.tls
                == AxisTLSConfiguration(
                    certificatePath: base + "/tls/axis.crt", privateKeyPath: "/etc/axis.key",
                    clientCAPath: base + "/tls/ca.crt", minimumVersion: .tls13))
        #expect(configuration.appendTraceHeader == false)
        #expect(configuration.traceOrganId == "000.00.00.VXP")
    }

    @Test func withoutTLSAndTraceKeysTheAxisIsPlainHTTPAndAppendsTraceHeaders() throws {
        let workspace = try Workspace()
        defer { workspace.cleanup() }
        _ = try workspace.write("s.key", Self.secret)
        let yaml = "data_directory: d\nsystems:\n  - {system_id: a, secret_file: s.key, agencies: [a]}"
        let configuration = try AxisSimulatorConfiguration.parse(yaml: yaml, baseDirectory: workspace.directory.path)
        #expect(configuration.tls == nil)
        #expect(configuration.appendTraceHeader)
        #expect(configuration.traceOrganId == nil)
    }

    @Test func tlsErrorsNameTheOffendingKey() throws {
        let workspace = try Workspace()
        defer { workspace.cleanup() }
        _ = try workspace.write("s.key", Self.secret)
        let prefix = "data_directory: d\nsystems:\n  - {system_id: a, secret_file: s.key, agencies: [a]}\n"
        let cases: [(String, AxisConfigurationError)] = [
            ("tls: {private_key: k}", .missingKey("tls.certificate")),
            ("tls: {certificate: c}", .missingKey("tls.private_key")),
            (
                "tls: {certificate: c, private_key: k, min_version: '1.1'}",
                .invalidValue(key: "tls.min_version", reason: "1.1 is not \"1.2\" or \"1.3\"")
            ),
            ("tls: {certificate: c, private_key: k, ca: x}", .unknownKey("tls.ca")),
            ("tls: yes", .wrongType(key: "tls", expected: "a mapping")),
            ("append_trace_header: sometimes", .wrongType(key: "append_trace_header", expected: "true or false")),
        ]
        for (yaml, expected) in cases {
            #expect(throws: expected) {
                _ = try AxisSimulatorConfiguration.parse(yaml: prefix + yaml, baseDirectory: workspace.directory.path)
            }
        }
    }

    /// `etc/lienthong/lienthong-axis.yaml` in the repository, found from this file's path.
    static var exampleFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("etc/lienthong/lienthong-axis.yaml")
    }

    @Test func shippedExampleConfigurationLoadsWithItsTLSSectionToo() throws {
        let workspace = try Workspace()
        defer { workspace.cleanup() }
        try FileManager.default.createDirectory(
            at: workspace.directory.appendingPathComponent("axis-secrets"), withIntermediateDirectories: true)
        _ = try workspace.write("axis-secrets/00.41.W00.key", Self.secret)
        _ = try workspace.write("axis-secrets/00.22.W00.key", Self.secret)
        let example = try String(contentsOf: Self.exampleFile, encoding: .utf8)
        let plain = try AxisSimulatorConfiguration.load(fromFile: try workspace.write("axis.yaml", example))
        #expect(plain.port == 8080)
        #expect(plain.systems.map(\.systemId) == ["00.41.W00", "00.22.W00"])
        #expect(plain.agencies.count == 3)
        #expect(plain.tls == nil)
        #expect(plain.appendTraceHeader)
        #expect(plain.warnings.isEmpty)

        // The commented-out keys are valid too: uncomment them and load again.
        let uncommented = example.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            for key in [
                "tls:", "certificate:", "private_key:", "client_ca:", "min_version:", "trace_organ_id:",
                "admin_address:", "max_body_bytes:", "max_connections:", "timestamp_authority:", "policy:",
                "accuracy_seconds:", "clock_offset:",
            ]
            where line.hasPrefix("# \(key)") || line.hasPrefix("#   \(key)") {
                return String(line.dropFirst(2))
            }
            return String(line)
        }.joined(separator: "\n")
        let full = try AxisSimulatorConfiguration.load(fromFile: try workspace.write("full.yaml", uncommented))
        #expect(full.tls?.certificatePath == workspace.directory.appendingPathComponent("tls/axis.crt").path)
        #expect(full.tls?.clientCAPath == workspace.directory.appendingPathComponent("tls/clients-ca.crt").path)
        #expect(full.tls?.minimumVersion == .tls12)
        #expect(
            full.timestampAuthority?.certificatePath
                == workspace.directory.appendingPathComponent("tsa/tsa.crt").path)
        #expect(full.timestampAuthority?.policyOID == "1.3.6.1.4.1.4146.1.2")
        #expect(full.timestampAuthority?.accuracySeconds == 1)
        #expect(full.traceOrganId == "000.00.00.VXP")
        #expect(full.maximumConnections == 64)
        #expect(full.clockOffsetSeconds == -7 * 3600)
        #expect(plain.clockOffsetSeconds == 0)
    }

    @Test(arguments: [("-7h", -25_200), ("+8h", 28_800), ("1h", 3_600), ("90m", 5_400), ("-30s", -30), ("0", 0)])
    func clockOffsetsAreSignedHoursMinutesOrSeconds(_ text: String, _ seconds: Int) {
        #expect(AxisSimulatorConfiguration.clockOffset(text) == seconds)
    }

    @Test(arguments: ["", "7", "-h", "7d", "+-7h", "49h", "1.5h", "seven hours"])
    func malformedClockOffsetsAreRefused(_ text: String) {
        #expect(AxisSimulatorConfiguration.clockOffset(text) == nil)
    }
}
