import Foundation
import Testing

@testable import Config

@Suite struct InboundVerificationConfigTests {
    static func yaml(inbound: String = "", agencyExtra: String = "") -> String {
        minimalYAML + "\n" + agencyExtra + (inbound.isEmpty ? "" : "\ninbound:\n" + inbound)
    }

    @Test func withoutTheNewKeysThereAreNoTrustedRootsAndThePolicyIsWarn() throws {
        let config = try ConfigLoader.parse(yaml: minimalYAML, sourceName: "test.yaml")
        #expect(config.inbound.trustedRoots.isEmpty)
        #expect(config.agencies[0].inboundPolicy == .warn)
        #expect(config.agencies[0].trustedRoots.isEmpty)
    }

    @Test func trustedRootsAreNormalizedDeduplicatedAndGivenToEveryAgency() throws {
        let yaml = Self.yaml(
            inbound: "  trusted_roots: [/etc/lienthong/trust//root.pem, /etc/lienthong/trust/root.pem, /etc/b.pem]\n",
            agencyExtra: "  - code: 000.00.00.H26\n    folders:\n      root: /srv/lienthong/h26\n")
        let config = try ConfigLoader.parse(yaml: yaml, sourceName: "test.yaml")
        #expect(config.inbound.trustedRoots == ["/etc/lienthong/trust/root.pem", "/etc/b.pem"])
        #expect(config.agencies.count == 2)
        #expect(config.agencies.allSatisfy { $0.trustedRoots == config.inbound.trustedRoots })
    }

    @Test func aMissingTrustedRootLoadsButCheckConfigProblemsNameIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let present = try directory.write("root.pem", "-----BEGIN CERTIFICATE-----\n", mode: 0o644)
        let missing = directory.path + "/absent.pem"
        let yaml = Self.yaml(inbound: "  trusted_roots:\n    - \(present)\n    - \(missing)\n    - \(directory.path)\n")
        let config = try ConfigLoader.parse(yaml: yaml, sourceName: "test.yaml")
        let problems = config.inbound.trustedRootProblems()
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.contains { $0.contains(missing) && $0.contains("does not exist") })
        #expect(problems.contains { $0.contains(directory.path + " is a folder") })
        #expect(!problems.contains { $0.contains(present) })
    }

    @Test func aRelativeTrustedRootIsReportedWithItsKeyPathAndLine() {
        // minimalYAML has 11 lines; the blank line, `inbound:` and `trusted_roots:` follow, the item is line 15.
        let found = problems(in: Self.yaml(inbound: "  trusted_roots:\n    - trust/root.pem\n"))
        let problem = problem(at: "inbound.trusted_roots[0]", in: found)
        #expect(problem?.line == 15)
        #expect(problem?.message.contains("relative path") == true)
    }

    @Test(arguments: [
        ("accept", InboundPolicy.accept), ("warn", .warn), ("quarantine", .quarantine), ("Quarantine", .quarantine),
    ])
    func inboundPolicyAcceptsTheThreeValues(text: String, expected: InboundPolicy) throws {
        let config = try ConfigLoader.parse(yaml: minimalYAML + "\n    inbound_policy: \(text)\n", sourceName: "t.yaml")
        #expect(config.agencies[0].inboundPolicy == expected)
    }

    @Test func anUnknownInboundPolicyNamesTheValidValuesAndTheLine() {
        let found = problems(in: minimalYAML + "\n    inbound_policy: reject\n")
        let problem = problem(at: "agencies[0].inbound_policy", in: found)
        #expect(problem?.line == 12)
        #expect(problem?.message.contains("'reject' is not valid") == true)
        #expect(problem?.message.contains("quarantine") == true)
    }
}
