import Foundation
import Testing

@testable import Config

@Suite struct SecretLoadingTests {
    private let secret = "k3Y+of/the=axis:44-characters-long-secret!!"

    private func axis(secretFile: String? = nil, secretCredential: String? = nil) -> AxisSettings {
        AxisSettings(
            endpoint: "https://axis.example.gov.vn", systemId: "000.00.00.H41", secretFile: secretFile,
            secretCredential: secretCredential)
    }

    @Test func credentialFromTheCredentialsDirectoryIsReadFirst() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try directory.write("axis-secret", secret + "\n", mode: 0o400)
        let file = try directory.write("fallback", "the-file-secret\n", mode: 0o600)

        let loaded = try axis(secretFile: file, secretCredential: "axis-secret")
            .loadSecret(environment: ["CREDENTIALS_DIRECTORY": directory.path])
        #expect(loaded == secret)
    }

    @Test func fileIsUsedWhenNoCredentialsDirectoryIsSet() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("axis-secret", secret + "\r\n\n", mode: 0o600)

        let loaded = try axis(secretFile: file, secretCredential: "axis-secret").loadSecret(environment: [:])
        #expect(loaded == secret, "trailing line breaks are removed, the rest is kept exactly")
    }

    @Test func credentialWithoutCredentialsDirectoryOrFileExplainsHowToProvideIt() throws {
        let error = try #require(throws: ConfigError.self) {
            try axis(secretCredential: "axis-secret").loadSecret(environment: [:])
        }
        let problem = try #require(error.problems.first)
        #expect(problem.keyPath == "axis.secret_credential")
        #expect(problem.message.contains("$CREDENTIALS_DIRECTORY is not set"))
        #expect(problem.message.contains("axis.secret_file"))
    }

    @Test func missingCredentialFileNamesLoadCredential() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = try #require(throws: ConfigError.self) {
            try axis(secretCredential: "axis-secret").loadSecret(environment: ["CREDENTIALS_DIRECTORY": directory.path])
        }
        #expect(error.description.contains("LoadCredential=axis-secret:"))
    }

    @Test func groupOrWorldReadableFileIsRefusedWithTheChmodCommand() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for mode in [0o644, 0o640, 0o604, 0o660] {
            let file = try directory.write("secret-\(mode)", secret, mode: mode)
            let error = try #require(throws: ConfigError.self) {
                try axis(secretFile: file).loadSecret(environment: [:])
            }
            let problem = try #require(error.problems.first)
            #expect(problem.keyPath == "axis.secret_file")
            #expect(problem.message.contains("(mode 0\(String(mode, radix: 8)))"))
            #expect(problem.message.contains("run: chmod 600 \(file)"))
            #expect(!error.description.contains(secret))
        }
    }

    @Test func emptySecretFileIsRefusedByName() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("empty", "\n", mode: 0o600)
        let error = try #require(throws: ConfigError.self) { try axis(secretFile: file).loadSecret(environment: [:]) }
        #expect(
            error.description
                == "axis.secret_file: \(file) is empty; write the secret into it on one line")
    }

    @Test func missingSecretFileAndDirectoryAreRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = try #require(throws: ConfigError.self) {
            try axis(secretFile: "\(directory.path)/nope").loadSecret(environment: [:])
        }
        #expect(missing.description.contains("does not exist"))
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        let notFile = try #require(throws: ConfigError.self) {
            try axis(secretFile: directory.path).loadSecret(environment: [:])
        }
        #expect(notFile.description.contains("is not a regular file"))
    }

    @Test func noErrorMessageEverContainsTheSecret() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var messages: [String] = []
        let readable = try directory.write("readable", secret, mode: 0o644)
        let huge = try directory.write("huge", String(repeating: secret, count: 2000), mode: 0o600)
        let invalid = "\(directory.path)/invalid"
        try (Data(secret.utf8) + Data([0xFF, 0xFE])).write(to: URL(fileURLWithPath: invalid))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: invalid)
        for file in [readable, huge, invalid] {
            do {
                _ = try axis(secretFile: file).loadSecret(environment: [:])
                Issue.record("\(file) should have been refused")
            } catch {
                messages.append(error.description)
            }
        }
        #expect(messages.count == 3)
        for message in messages {
            #expect(!message.contains(secret))
            #expect(!message.contains("k3Y+of"))
        }
    }

    @Test func signingPasswordIsOptionalAndReadLikeTheSecret() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let unencrypted = SigningSettings(privateKey: "/k.pem", certificate: "/c.pem")
        #expect(try unencrypted.loadPassword(environment: [:]) == nil)

        let file = try directory.write("pw", "mật khẩu\n", mode: 0o600)
        let encrypted = SigningSettings(privateKey: "/k.pem", certificate: "/c.pem", passwordFile: file)
        #expect(try encrypted.loadPassword(environment: [:]) == "mật khẩu")

        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file)
        let error = try #require(throws: ConfigError.self) { try encrypted.loadPassword(environment: [:]) }
        #expect(error.problems.first?.keyPath == "signing.password_file")
    }
}
