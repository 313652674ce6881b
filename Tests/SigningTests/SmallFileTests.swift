import Foundation
import Testing

@testable import Signing

@Suite struct SmallFileTests {
    let pki: TestPKI

    init() throws { pki = try TestPKI() }

    @Test func groupReadableSecretIsAcceptedOnlyInsideTheSystemdCredentialsDirectory() throws {
        let credentials = pki.path("credentials")
        try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: true)
        let inside = credentials + "/agency-key-password"
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: inside))
        try pki.setMode(0o440, inside)
        let outside = try pki.write("password", "secret\n", mode: 0o440)

        let bytes = try SmallFile.read(
            path: inside, role: .passwordFile, secret: true, credentialsDirectory: credentials
        )
        #expect(bytes == Array("secret\n".utf8))
        #expect(throws: SigningError.self) {
            try SmallFile.read(path: outside, role: .passwordFile, secret: true, credentialsDirectory: credentials)
        }
        try pki.setMode(0o444, inside)
        #expect(throws: SigningError.self) {
            try SmallFile.read(path: inside, role: .passwordFile, secret: true, credentialsDirectory: credentials)
        }
    }

    @Test func fileLargerThanTheLimitIsRefusedBeforeReading() throws {
        let big = try pki.write("big.pem", String(repeating: "x", count: 4097))
        let error = #expect(throws: SigningError.self) {
            try SmallFile.read(path: big, role: .certificate, secret: false, limit: 4096)
        }
        guard case .fileTooLarge(big, .certificate, 4096) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }

    @Test func fifoInPlaceOfAKeyIsRefusedWithoutBlocking() throws {
        let fifo = pki.path("agency.key")
        #expect(mkfifo(fifo, 0o600) == 0)
        let error = #expect(throws: SigningError.self) {
            try SmallFile.read(path: fifo, role: .privateKey, secret: true)
        }
        guard case .notRegularFile(fifo, .privateKey) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }
}
