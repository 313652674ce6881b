import Foundation
import Testing

@testable import Config

/// `signing.timestamp_*` and `visible_signature`: the options of the agency signature.
@Suite struct SignatureOptionsConfigTests {
    static func yaml(signing: String = "", agency: String = "") -> String {
        minimalYAML.replacingOccurrences(
            of: "  certificate: /etc/lienthong/cert.pem\n", with: "  certificate: /etc/lienthong/cert.pem\n" + signing)
            + "\n" + agency
    }

    @Test func withoutTheKeysSignaturesAreInvisibleAndNotTimestamped() throws {
        let config = try ConfigLoader.parse(yaml: minimalYAML, sourceName: "test.yaml")
        #expect(config.signing.timestamp == nil)
        #expect(config.agencies[0].visibleSignature.folders.isEmpty)
        #expect(!config.agencies[0].visibleSignature.appliesTo(folder: ""))
        #expect(!config.agencies[0].visibleSignature.appliesTo(folder: "000.00.00.H26"))
    }

    @Test func aTimestampAuthorityIsReadWithItsDefaults() throws {
        let config = try ConfigLoader.parse(
            yaml: Self.yaml(signing: "  timestamp_url: http://127.0.0.1:8080/tsa\n"), sourceName: "test.yaml")
        #expect(config.signing.timestamp == TimestampSettings(url: "http://127.0.0.1:8080/tsa"))
        #expect(config.signing.timestamp?.timeout == .seconds(30))
    }

    @Test func aTimestampAuthorityOverHTTPSTakesItsOwnCABundleAndTimeout() throws {
        let signing = """
              timestamp_url: https://tsa.example.vn/tsa
              timestamp_ca_bundle: /etc/lienthong/trust//tsa.pem
              timestamp_timeout: 5s

            """
        let config = try ConfigLoader.parse(yaml: Self.yaml(signing: signing), sourceName: "test.yaml")
        #expect(
            config.signing.timestamp
                == TimestampSettings(
                    url: "https://tsa.example.vn/tsa", caBundle: "/etc/lienthong/trust/tsa.pem", timeout: .seconds(5)))
    }

    @Test(arguments: ["ftp://tsa.example.vn/", "tsa.example.vn", "http://user:pw@tsa.example.vn/tsa"])
    func aTimestampURLThatIsNotAPlainHTTPURLIsRefused(url: String) throws {
        let found = problems(in: Self.yaml(signing: "  timestamp_url: \"\(url)\"\n"))
        let reported = try #require(problem(at: "signing.timestamp_url", in: found))
        #expect(reported.line == 8)
    }

    @Test func timestampOptionsWithoutTheURLAreReported() throws {
        let found = problems(in: Self.yaml(signing: "  timestamp_timeout: 5s\n"))
        let reported = try #require(problem(at: "signing.timestamp_timeout", in: found))
        #expect(reported.message.contains("timestamp_url"))
    }

    @Test func visibleSignatureFoldersAreNFCAndMatchFirstLevelFolders() throws {
        let agency = """
                visible_signature:
                  folders: [cac-so-nganh, "pho\u{0302}\u{0301}-bie\u{0302}\u{0301}n"]
                  font: /usr/share/fonts/x.ttf
            """
        let config = try ConfigLoader.parse(yaml: Self.yaml(agency: agency), sourceName: "test.yaml")
        let visible = config.agencies[0].visibleSignature
        #expect(visible.folders == ["cac-so-nganh", "phố-biến"])
        #expect(visible.font == "/usr/share/fonts/x.ttf")
        #expect(visible.appliesTo(folder: "cac-so-nganh"))
        #expect(visible.appliesTo(folder: "phố-biến"))
        #expect(visible.appliesTo(folder: "pho\u{0302}\u{0301}-bie\u{0302}\u{0301}n"))
        #expect(!visible.appliesTo(folder: "so-noi-vu"))
        #expect(!visible.appliesTo(folder: ""))
    }

    @Test func theStarFolderCoversEveryFolderAndTheOutboxItself() throws {
        let agency = "    visible_signature:\n      folders: [\"*\"]\n"
        let config = try ConfigLoader.parse(yaml: Self.yaml(agency: agency), sourceName: "test.yaml")
        let visible = config.agencies[0].visibleSignature
        #expect(visible.font == VisibleSignatureSettings.defaultFont)
        #expect(visible.appliesTo(folder: ""))
        #expect(visible.appliesTo(folder: "000.00.00.H26"))
    }

    @Test(arguments: ["a/b", ".."])
    func aVisibleSignatureFolderThatIsNotAFolderNameIsRefused(name: String) throws {
        let agency = "    visible_signature:\n      folders: [\"\(name)\"]\n"
        let found = problems(in: Self.yaml(agency: agency))
        let reported = try #require(problem(at: "agencies[0].visible_signature.folders[0]", in: found))
        #expect(reported.message.contains("first-level folder"))
    }

    @Test func aRelativeFontPathIsRefused() throws {
        let agency = "    visible_signature:\n      font: fonts/serif.ttf\n"
        let found = problems(in: Self.yaml(agency: agency))
        #expect(problem(at: "agencies[0].visible_signature.font", in: found) != nil)
    }
}

/// `referencedFileProblems()`: what check-config says about the files the signature options name.
@Suite struct SignatureOptionsFileProblemTests {
    @Test func aMissingFontIsReportedOnlyForAnAgencyThatUsesTheVisibleBox() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.path + "/absent.ttf"
        let unused = SignatureOptionsConfigTests.yaml(agency: "    visible_signature:\n      font: \(missing)\n")
        #expect(try ConfigLoader.parse(yaml: unused, sourceName: "t.yaml").referencedFileProblems().isEmpty)

        let used = SignatureOptionsConfigTests.yaml(
            agency: "    visible_signature:\n      folders: [\"*\"]\n      font: \(missing)\n")
        let problems = try ConfigLoader.parse(yaml: used, sourceName: "t.yaml").referencedFileProblems()
        #expect(problems.count == 1)
        #expect(problems.first?.contains("agencies[0].visible_signature.font: \(missing) does not exist") == true)
        #expect(problems.first?.contains("fonts-liberation2") == true)
    }

    @Test func aTimestampCABundleThatIsAFolderIsReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let yaml = SignatureOptionsConfigTests.yaml(
            signing: "  timestamp_url: https://tsa.example.vn/\n  timestamp_ca_bundle: \(directory.path)\n")
        let problems = try ConfigLoader.parse(yaml: yaml, sourceName: "t.yaml").referencedFileProblems()
        #expect(problems == ["signing.timestamp_ca_bundle: \(directory.path) is a folder; name the file itself"])
    }
}
