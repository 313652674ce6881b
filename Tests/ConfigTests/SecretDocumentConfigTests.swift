import Foundation
import Testing

@testable import Config

/// `agencies[].secret_folders` and the metadata file's `do_mat`: what marks a document secret (văn bản mật).
@Suite struct SecretDocumentConfigTests {
    static func agency(_ extra: String) throws -> AgencyConfig {
        try #require(try ConfigLoader.parse(yaml: minimalYAML + "\n" + extra, sourceName: "test.yaml").agencies.first)
    }

    @Test func outboxMATIsSecretUnlessTheAgencySaysOtherwise() throws {
        #expect(try Self.agency("").secretFolders == ["MAT"])
        #expect(try Self.agency("    secret_folders: []").secretFolders == [])
        let decomposed = "Mật-Tối mật".decomposedStringWithCanonicalMapping
        let agency = try Self.agency("    secret_folders: [MAT, \"\(decomposed)\"]")
        #expect(agency.secretFolders == ["MAT", "Mật-Tối mật"], "stored in NFC")
        #expect(agency.secretFolder(relativeComponents: ["Mật-Tối mật", "x.pdf"]) == "Mật-Tối mật")
        #expect(agency.secretFolder(relativeComponents: ["MAT", "sub", "x.pdf"]) == "MAT", "deeper folders too")
        #expect(agency.secretFolder(relativeComponents: ["MAT"]) == nil, "a file named MAT in outbox/ itself")
        #expect(agency.secretFolder(relativeComponents: ["000.00.00.H26", "x.pdf"]) == nil)
    }

    @Test(arguments: ["\"\"", "a/b", "\"*\"", "..", "[MAT]"])
    func aSecretFolderMustBeAFolderName(name: String) throws {
        let found = problems(in: minimalYAML + "\n    secret_folders: [\(name)]")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.keyPath.hasPrefix("agencies[0].secret_folders") == true, "\(found)")
    }

    @Test func doMatIsReadInVietnameseAndEnglishAndRoundTrips() throws {
        let vietnamese = try DocumentSidecar.parse(yaml: "so: 1\ndo_mat: Tối mật\n", sourceName: "x")
        #expect(vietnamese.secrecy == "Tối mật")
        #expect(vietnamese.isMarkedSecret)
        let english = try DocumentSidecar.parse(yaml: "so: 1\nsecret: confidential\n", sourceName: "x")
        #expect(english.isMarkedSecret)
        #expect(try DocumentSidecar.parse(yaml: english.yamlText, sourceName: "x") == english)
        #expect(try !DocumentSidecar.parse(yaml: "so: 1\n", sourceName: "x").isMarkedSecret)
    }

    @Test func onlyAWordForNoneIsNotSecret() {
        for none in ["không", "Không", "KHÔNG", "khong", "none", "No", "false", "0", "thường", "Bình thường", " "] {
            #expect(!DocumentSidecar(secrecy: none).isMarkedSecret, "'\(none)'")
        }
        for secret in ["Mật", "mat", "Mât", "Tối mật", "Tuyệt mật", "TUYỆT MẬT", "secret", "true", "1", "x"] {
            #expect(DocumentSidecar(secrecy: secret).isMarkedSecret, "'\(secret)'")
        }
    }
}
