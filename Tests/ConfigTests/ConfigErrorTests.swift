import Foundation
import Testing

@testable import Config

/// Each kind of mistake is reported with the full key path, the line, and what would be valid.
@Suite struct ConfigErrorTests {
    private func replacing(_ original: String, with replacement: String) -> String {
        #expect(minimalYAML.contains(original), "test fixture drifted: \(original)")
        return minimalYAML.replacingOccurrences(of: original, with: replacement)
    }

    @Test func wrongTypeNamesTheKeyLineAndExpectedType() throws {
        let yaml = minimalYAML + "\n    watch:\n      include: '*.pdf'\n      settle_time: [3s]"
        let found = problems(in: yaml)
        let include = try #require(problem(at: "agencies[0].watch.include", in: found))
        #expect(include.line == 13)
        #expect(include.message.contains("expected a list"))
        let settle = try #require(problem(at: "agencies[0].watch.settle_time", in: found))
        #expect(settle.line == 14)
        #expect(settle.message.contains("expected a duration"))
    }

    @Test func badBooleanAndOutOfRangeNumberSayWhatIsValid() throws {
        let yaml =
            replacing("  system_id: 000.00.00.H41", with: "  system_id: 000.00.00.H41\n  allow_plain_http: maybe")
            + "\n    defaults:\n      priority: 7"
        let found = problems(in: yaml)
        let flag = try #require(problem(at: "axis.allow_plain_http", in: found))
        #expect(flag.line == 4)
        #expect(flag.message == "'maybe' is not valid; use true or false")
        let priority = try #require(problem(at: "agencies[0].defaults.priority", in: found))
        #expect(priority.line == 14)
        #expect(priority.message.contains("from 0 to 4"))
    }

    @Test func invalidChoiceListsTheAlternativesInTheDocumentedFormat() throws {
        let found = problems(in: minimalYAML + "\n    watch:\n      mode: inotfy")
        let mode = try #require(problem(at: "agencies[0].watch.mode", in: found))
        #expect(
            mode.description == "agencies[0].watch.mode (line 13): 'inotfy' is not valid; use auto, inotify or poll")
    }

    @Test func unknownKeyListsValidKeysAndSuggestsTheClosest() throws {
        let found = problems(in: minimalYAML + "\n    watch:\n      settel_time: 5s\n      modeX: poll")
        let typo = try #require(problem(at: "agencies[0].watch.settel_time", in: found))
        #expect(typo.line == 13)
        #expect(typo.message.contains("unknown key 'settel_time'; did you mean 'settle_time'?"))
        #expect(typo.message.contains("mode, settle_time, poll_interval, reconciliation_interval, include, exclude"))
        let second = try #require(problem(at: "agencies[0].watch.modeX", in: found))
        #expect(second.message.contains("did you mean 'mode'?"))
    }

    @Test func unknownKeyFarFromAnyValidKeyGetsNoSuggestion() throws {
        let found = problems(in: minimalYAML + "\nfoo_bar_baz: 1")
        let unknown = try #require(problem(at: "foo_bar_baz", in: found))
        #expect(unknown.line == 12)
        #expect(!unknown.message.contains("did you mean"))
        #expect(unknown.message.contains("state_directory"))
    }

    @Test func camelCaseKeySuggestsItsSnakeCaseSpelling() throws {
        let found = problems(in: replacing("  system_id:", with: "  systemId:"))
        let unknown = try #require(problem(at: "axis.systemId", in: found))
        #expect(unknown.message.contains("did you mean 'system_id'?"))
    }

    @Test func missingRequiredKeysAreEachNamed() throws {
        let yaml = """
            axis:
              endpoint: https://axis.example.gov.vn/
            signing:
              certificate: /etc/lienthong/cert.pem
            agencies:
              - name: UBND
                folders:
                  outbox: /srv/x/outbox
            """
        let found = problems(in: yaml)
        #expect(problem(at: "axis.system_id", in: found)?.line == 1)
        #expect(problem(at: "axis.secret_file", in: found)?.message.contains("secret_credential") == true)
        #expect(problem(at: "signing.private_key", in: found)?.line == 3)
        #expect(problem(at: "agencies[0].code", in: found)?.line == 6)
        #expect(problem(at: "agencies[0].folders.root", in: found)?.line == 7)
        #expect(found.allSatisfy { $0.line != nil })
    }

    @Test func missingSectionsAndAnEmptyAgencyListAreReported() throws {
        let found = problems(in: "log_level: debug\nagencies: []\n")
        #expect(problem(at: "axis", in: found)?.message.contains("required") == true)
        #expect(problem(at: "signing", in: found)?.message.contains("required") == true)
        let agencies = try #require(problem(at: "agencies", in: found))
        #expect(agencies.line == 2)
        #expect(agencies.message.contains("at least one agency"))
    }

    @Test func badDurationShowsTheAcceptedFormats() throws {
        let found = problems(in: minimalYAML + "\nretry:\n  initial_delay: 5 seconds\n  max_delay: 0s")
        let delay = try #require(problem(at: "retry.initial_delay", in: found))
        #expect(delay.line == 13)
        #expect(delay.message.contains("'5 seconds' is not a duration; use 500ms, 3s, 10m, 1h30m"))
        let zero = try #require(problem(at: "retry.max_delay", in: found))
        #expect(zero.line == 14)
        #expect(zero.message.contains("longer than zero"))
    }

    @Test func badSizeShowsTheAcceptedFormats() throws {
        let found = problems(in: minimalYAML + "\nlimits:\n  max_document_size: 500 megabytes")
        let size = try #require(problem(at: "limits.max_document_size", in: found))
        #expect(size.line == 13)
        #expect(size.message.contains("use 500MiB, 1GiB, 200MB or a number of bytes"))
    }

    @Test func plainHTTPWithoutAllowIsRefusedWithTheReason() throws {
        let found = problems(in: replacing("https://axis.example.gov.vn", with: "http://10.0.0.5:8080"))
        let endpoint = try #require(problem(at: "axis.endpoint", in: found))
        #expect(endpoint.line == 2)
        #expect(endpoint.message.contains("plain http://"))
        #expect(endpoint.message.contains("allow_plain_http: true"))
        #expect(endpoint.message.contains("read every document"))
    }

    @Test func endpointThatIsNotAnHTTPURLIsRefused() throws {
        let found = problems(in: replacing("https://axis.example.gov.vn/XrdAdapter/adapter", with: "ftp://axis/x"))
        #expect(problem(at: "axis.endpoint", in: found)?.message.contains("scheme 'ftp'") == true)
        let userinfo = problems(in: replacing("https://axis", with: "https://user:hunter2@axis"))
        let message = try #require(problem(at: "axis.endpoint", in: userinfo)).message
        #expect(message.contains("must not contain a user name or password"))
    }

    @Test func inlineSecretsAreRefusedWithTheSafeAlternative() throws {
        let yaml = replacing("  secret_file: /etc/lienthong/axis-secret", with: "  secret: c2VjcmV0LXZhbHVl")
            .replacingOccurrences(
                of: "  certificate: /etc/lienthong/cert.pem",
                with: """
                      certificate: /etc/lienthong/cert.pem
                      password: hunter2
                    """)
        let found = problems(in: yaml)
        let secret = try #require(problem(at: "axis.secret", in: found))
        #expect(secret.line == 4)
        #expect(secret.message.contains("secrets must not be written in the configuration file"))
        #expect(secret.message.contains("axis.secret_file") && secret.message.contains("axis.secret_credential"))
        let password = try #require(problem(at: "signing.password", in: found))
        #expect(password.line == 8)
        #expect(password.message.contains("signing.password_file"))
        let everything = ConfigError(problems: found).description
        #expect(!everything.contains("c2VjcmV0LXZhbHVl") && !everything.contains("hunter2"))
    }

    @Test func duplicateAgencyCodesPointAtBothAgencies() throws {
        let yaml =
            minimalYAML + """

                  - code: 000.00.00.h41
                    folders:
                      root: /srv/lienthong/other
                """
        let found = problems(in: yaml)
        let duplicate = try #require(problem(at: "agencies[1].code", in: found))
        #expect(duplicate.line == 12)
        #expect(duplicate.message.contains("already used by agencies[0] (line 9)"))
    }

    @Test func invalidAgencyAndRecipientCodesAreRefused() throws {
        let yaml =
            replacing("  - code: 000.00.00.H41", with: "  - code: UBND tỉnh")
            + "\n    defaults:\n      recipients: [000.00.01.H41, 'a/b']"
        let found = problems(in: yaml)
        #expect(problem(at: "agencies[0].code", in: found)?.message.contains("1 to 35 letters, digits") == true)
        let recipient = try #require(problem(at: "agencies[0].defaults.recipients[1]", in: found))
        #expect(recipient.line == 13)
        #expect(recipient.message.contains("not a valid recipient code"))
    }

    @Test func relativePathsAreRefused() throws {
        let found = problems(
            in: replacing("root: /srv/lienthong/h41", with: "root: srv/lienthong/h41")
                .replacingOccurrences(of: "private_key: /etc", with: "private_key: ./etc"))
        let root = try #require(problem(at: "agencies[0].folders.root", in: found))
        #expect(root.line == 11)
        #expect(root.message.contains("'srv/lienthong/h41' is a relative path; use an absolute path"))
        #expect(problem(at: "signing.private_key", in: found)?.line == 6)
    }

    @Test func foldersSharedBetweenAgenciesOrInsideAnOutboxAreRefused() throws {
        let yaml =
            minimalYAML + """

                      sent: /srv/lienthong/h41/outbox/sent
                  - code: 000.01.31.H41
                    folders:
                      root: /srv/lienthong/h41
                """
        let found = problems(in: yaml)
        let nested = try #require(problem(at: "agencies[0].folders.sent", in: found))
        #expect(nested.line == 12)
        #expect(nested.message.contains("inside agencies[0].folders.outbox; files there would be sent"))
        let shared = try #require(problem(at: "agencies[1].folders.failed", in: found))
        #expect(shared.message.contains("is also agencies[0].folders.failed"))
        #expect(shared.line == 15)
    }

    @Test func stateDirectoryInsideASharedFolderIsRefused() throws {
        let found = problems(in: "state_directory: /srv/lienthong/h41/.state\n" + minimalYAML)
        let state = try #require(problem(at: "state_directory", in: found))
        #expect(state.line == 1)
        #expect(state.message.contains("inside the shared folder of agency 000.00.00.H41"))
    }

    @Test func overlongListsAreRefusedBeforeTheirItemsAreRead() throws {
        let patterns = Array(repeating: "'*.pdf'", count: 1001).joined(separator: ", ")
        let found = problems(in: minimalYAML + "\n    watch:\n      include: [\(patterns)]")
        #expect(problem(at: "agencies[0].watch.include", in: found)?.message.contains("at most 1000") == true)
    }

    @Test func severalProblemsAreReportedTogetherInLineOrder() throws {
        let yaml = """
            log_level: verbose
            axis:
              endpoint: http://axis.example.gov.vn
              system_id: 000.00.00.H41
              secret_file: axis-secret
            signing:
              private_key: /etc/lienthong/key.pem
              certificate: /etc/lienthong/cert.pem
            agencies:
              - code: 000.00.00.H41
                folders:
                  root: /srv/lienthong/h41
                watch:
                  mode: fast
            """
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader.parse(yaml: yaml, sourceName: "/etc/lienthong/lienthong.yaml")
        }
        #expect(
            error.problems.map(\.keyPath) == [
                "log_level", "axis.endpoint", "axis.secret_file", "agencies[0].watch.mode",
            ])
        #expect(error.problems.map(\.line) == [1, 3, 5, 14])
        #expect(error.description.hasPrefix("/etc/lienthong/lienthong.yaml has 4 problems:\n  - log_level (line 1): "))
        #expect(error.problems[0].message.contains("trace, debug, info, notice, warning, error or critical"))
    }

    @Test func textThatIsNotAMappingIsRefusedWithItsLine() throws {
        let list = problems(in: "# comment\n- a\n- b\n")
        #expect(list.count == 1)
        #expect(list.first?.line == 2)
        #expect(list.first?.message.contains("expected a mapping") == true)
        #expect(list.first?.message.contains("found a list") == true)

        let prose = problems(in: "Hello, this is not a configuration")
        #expect(prose.first?.message.contains("found 'Hello, this is not a configuration'") == true)
    }

    @Test func emptyFileIsRefusedAsEmpty() throws {
        for text in ["", "# only comments\n\n"] {
            let found = problems(in: text)
            #expect(found.count == 1)
            #expect(found.first?.message.contains("the configuration is empty") == true)
        }
    }

    @Test func brokenYAMLSyntaxIsRefusedWithTheLine() throws {
        let found = problems(in: "axis:\n  endpoint: https://x\n    system_id: [unclosed\n")
        let syntax = try #require(found.first)
        #expect(found.count == 1)
        #expect(syntax.message.contains("not valid YAML: "))
        #expect(syntax.line == 3)
    }

    @Test func duplicateKeyIsRefusedWithItsLine() throws {
        let found = problems(in: "log_level: info\naxis:\n  system_id: a\n  system_id: b\n")
        let duplicate = try #require(found.first)
        #expect(duplicate.message.contains("'system_id' appears more than once"))
        #expect(duplicate.line == 3 || duplicate.line == 4)
    }

    @Test func missingFileAndNonUTF8FileGiveClearErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = "\(directory.path)/nope.yaml"
        let notFound = try #require(throws: ConfigError.self) { try ConfigLoader.load(path: missing) }
        #expect(notFound.description.contains("\(missing): the file does not exist"))

        let binary = "\(directory.path)/binary.yaml"
        try Data([0x61, 0x3A, 0x20, 0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: binary))
        let notText = try #require(throws: ConfigError.self) { try ConfigLoader.load(path: binary) }
        #expect(notText.description.contains("not UTF-8 text"))
    }
}
