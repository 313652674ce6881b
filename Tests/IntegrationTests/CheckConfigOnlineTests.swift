import Foundation
import Testing

/// `lienthong check-config --online` against the real `lienthong-axis`: the right secret, a wrong one, the axis
/// stopped. Each verdict is in plain words and any failure exits 1.
@Suite(.serialized) struct CheckConfigOnlineTests {
    @Test func rightSecretPassesWrongSecretAndStoppedAxisFailWithPlainWords() async throws {
        let world = try TwoAgencies()
        try world.startAxis()
        let config = world.config(TwoAgencies.codeA)

        let right = try runCommand(world.lienthong, ["check-config", "--online", "--config", config])
        #expect(right.status == 0, "\(right.output)\n\(world.logs)")
        #expect(right.output.contains("reachable and authenticated"), "\(right.output)")

        // The same configuration with another secret.
        let wrongSecret = world.home(TwoAgencies.codeA) + "/wrong-secret"
        try Data(String(repeating: "W", count: 44).utf8).write(to: URL(fileURLWithPath: wrongSecret))
        chmod(wrongSecret, 0o600)
        let original = try String(contentsOfFile: config, encoding: .utf8)
        let secretLine = try #require(original.split(separator: "\n").first { $0.contains("secret_file:") })
        let wrongConfig = world.home(TwoAgencies.codeA) + "/wrong-secret.yaml"
        try original.replacingOccurrences(of: String(secretLine), with: "  secret_file: \"\(wrongSecret)\"")
            .write(toFile: wrongConfig, atomically: true, encoding: .utf8)
        let wrong = try runCommand(world.lienthong, ["check-config", "--online", "--config", wrongConfig])
        #expect(wrong.status == 1, "\(wrong.output)")
        #expect(wrong.output.contains("the secret is wrong"), "\(wrong.output)")
        #expect(wrong.output.contains("Chu ky khong hop le"), "the axis's own words should be quoted: \(wrong.output)")
        #expect(!wrong.output.contains(String(repeating: "W", count: 44)), "the secret must never be printed")

        // The axis stopped: connection refused.
        world.stopAxis()
        let stopped = try runCommand(world.lienthong, ["check-config", "--online", "--config", config])
        #expect(stopped.status == 1, "\(stopped.output)")
        #expect(stopped.output.contains("unreachable"), "\(stopped.output)")

        // Without --online the axis is not called, so the stopped axis does not matter.
        let offline = try runCommand(world.lienthong, ["check-config", "--config", config])
        #expect(offline.status == 0, "\(offline.output)")
        #expect(!offline.output.contains("unreachable"))
    }

    @Test func theTimestampAuthorityIsAskedForATokenAndAWrongURLIsNamed() async throws {
        let world = try TwoAgencies()
        try world.startAxis()
        let config = world.config(TwoAgencies.codeA)
        let original = try String(contentsOfFile: config, encoding: .utf8)
        let enabled = original.replacingOccurrences(of: "  # timestamp_url: ", with: "  timestamp_url: ")
        #expect(enabled != original)
        try enabled.write(toFile: config, atomically: true, encoding: .utf8)

        let good = try runCommand(world.lienthong, ["check-config", "--online", "--config", config])
        #expect(good.status == 0, "\(good.output)\n\(world.logs)")
        #expect(good.output.contains("/tsa: OK ("), "\(good.output)")

        // The axis answers /nothing with a JSON 404, not a timestamp reply.
        try enabled.replacingOccurrences(of: "/tsa\"", with: "/nothing\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let wrong = try runCommand(world.lienthong, ["check-config", "--online", "--config", config])
        #expect(wrong.status == 1, "\(wrong.output)")
        #expect(wrong.output.contains("timestamp authority http://127.0.0.1:"), "\(wrong.output)")
        #expect(wrong.output.contains("/nothing"), "\(wrong.output)")
    }
}
