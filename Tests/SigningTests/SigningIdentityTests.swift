import Foundation
import Testing

@testable import Signing

@Suite struct SigningIdentityTests {
    let pki: TestPKI
    let ca: TestPKI.Issued

    init() throws {
        pki = try TestPKI()
        ca = try pki.makeRootCA()
    }

    @Test func subjectIssuerAndSerialAreReadableWithVietnameseInUTF8() throws {
        let agency = try pki.issue(
            name: "agency", subject: TestPKI.agencySubject, keyType: .rsa2048, by: ca, serial: "0x5403A1F0C2"
        )
        let identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)

        #expect(identity.subject == "CN=Văn phòng UBND tỉnh Nghệ An, O=UBND tỉnh Nghệ An, C=VN")
        #expect(identity.issuer == "CN=Test Root CA")
        #expect(identity.serialNumberHex == "5403a1f0c2")
        #expect(identity.keyDescription == "RSA 2048-bit")
        #expect(identity.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        #expect(identity.certificatePEM == (try String(contentsOfFile: agency.certificatePath, encoding: .utf8)))
        #expect(abs(identity.notBefore.timeIntervalSinceNow) < 3600)
        #expect(abs(identity.notAfter.timeIntervalSince(identity.notBefore) - 365 * 86_400) < 2)
    }

    @Test func keyFileReadableByOthersIsRefusedWithChmodHint() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        try pki.setMode(0o644, agency.keyPath)

        let error = #expect(throws: SigningError.self) {
            try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        }
        guard case .insecurePermissions(agency.keyPath, .privateKey, let mode) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(mode & 0o777 == 0o644)
        #expect(
            error?.description == "the private key file \(agency.keyPath) has mode 0644: others can read the agency "
                + "key; run: chmod 600 \(agency.keyPath)"
        )
    }

    @Test func keyFileReadableByGroupIsRefused() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        try pki.setMode(0o640, agency.keyPath)
        #expect(throws: SigningError.self) {
            try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        }
        try pki.setMode(0o400, agency.keyPath)
        _ = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
    }

    @Test func keyPathThatIsADirectoryIsRefusedAsNotARegularFile() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let error = #expect(throws: SigningError.self) {
            try SigningIdentity.load(privateKeyPath: pki.directory.path, certificatePath: agency.certificatePath)
        }
        guard case .notRegularFile(pki.directory.path, .privateKey) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }

    @Test func missingCertificateFileIsNamedInTheError() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let missing = pki.path("nowhere.pem")
        let error = #expect(throws: SigningError.self) {
            try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: missing)
        }
        guard case .fileMissing(missing, .certificate) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(error?.description.contains(missing) == true)
    }

    @Test func encryptedKeyLoadsWithPasswordFileEndingInNewline() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, keyType: .rsa2048, by: ca)
        let encrypted = pki.path("encrypted.key")
        try pki.write("passphrase.txt", "đúng mật khẩu 123\n")
        try pki.openssl(
            "pkey", "-in", agency.keyPath, "-out", encrypted, "-aes256",
            "-passout", "file:\(pki.path("passphrase.txt"))")
        try pki.setMode(0o600, encrypted)
        let passwordFile = try pki.write("password", "đúng mật khẩu 123\n")

        let identity = try SigningIdentity.load(
            privateKeyPath: encrypted, certificatePath: agency.certificatePath, passwordFile: passwordFile
        )
        #expect(identity.serialNumberHex == "5403a1f0c2")
    }

    @Test func encryptedKeyWithWrongPasswordIsRefusedWithoutRevealingIt() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let encrypted = pki.path("encrypted.key")
        try pki.openssl("pkey", "-in", agency.keyPath, "-out", encrypted, "-aes256", "-passout", "pass:right-one")
        try pki.setMode(0o600, encrypted)
        let passwordFile = try pki.write("password", "wrong-guess-42\n")

        let error = #expect(throws: SigningError.self) {
            try SigningIdentity.load(
                privateKeyPath: encrypted, certificatePath: agency.certificatePath, passwordFile: passwordFile
            )
        }
        guard case .wrongPassword(encrypted, passwordFile) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("wrong-guess-42") == false)
        #expect(error?.description.contains(passwordFile) == true)
    }

    @Test func encryptedKeyWithoutPasswordFileAsksForOneInsteadOfPrompting() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let encrypted = pki.path("encrypted.key")
        try pki.openssl("pkey", "-in", agency.keyPath, "-out", encrypted, "-aes256", "-passout", "pass:secret")
        try pki.setMode(0o600, encrypted)

        let error = #expect(throws: SigningError.self) {
            try SigningIdentity.load(privateKeyPath: encrypted, certificatePath: agency.certificatePath)
        }
        guard case .passwordRequired(encrypted) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }

    @Test func passwordFileReadableByOthersIsRefused() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let passwordFile = try pki.write("password", "secret\n", mode: 0o644)
        let error = #expect(throws: SigningError.self) {
            try SigningIdentity.load(
                privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath, passwordFile: passwordFile
            )
        }
        guard case .insecurePermissions(passwordFile, .passwordFile, _) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }

    @Test func keyThatDoesNotBelongToTheCertificateIsRefused() throws {
        let first = try pki.issue(name: "first", subject: TestPKI.agencySubject, by: ca)
        let second = try pki.issue(name: "second", subject: "/CN=Other", by: ca)
        let error = #expect(throws: SigningError.self) {
            try SigningIdentity.load(privateKeyPath: second.keyPath, certificatePath: first.certificatePath)
        }
        guard case .keyCertificateMismatch(second.keyPath, first.certificatePath) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }

    @Test func pkcs12BundleLoadsKeyCertificateAndChain() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, keyType: .ecP256, by: ca)
        let bundle = pki.path("agency.p12")
        try pki.openssl(
            "pkcs12", "-export", "-inkey", agency.keyPath, "-in", agency.certificatePath,
            "-certfile", ca.certificatePath, "-out", bundle, "-passout", "pass:p12-secret")
        try pki.setMode(0o600, bundle)
        let passwordFile = try pki.write("password", "p12-secret\n")

        let identity = try SigningIdentity.load(
            privateKeyPath: bundle, certificatePath: "", passwordFile: passwordFile
        )
        #expect(identity.subject == "CN=Văn phòng UBND tỉnh Nghệ An, O=UBND tỉnh Nghệ An, C=VN")
        #expect(identity.keyDescription == "EC 256-bit")
        #expect(identity.chain.map(\.subject) == ["CN=Test Root CA"])
    }

    @Test func pkcs12BundleWithWrongPasswordIsRefused() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, keyType: .rsa2048, by: ca)
        let bundle = pki.path("agency.pfx")
        try pki.openssl(
            "pkcs12", "-export", "-inkey", agency.keyPath, "-in", agency.certificatePath,
            "-out", bundle, "-passout", "pass:p12-secret")
        try pki.setMode(0o600, bundle)
        let passwordFile = try pki.write("password", "not-it\n")

        let error = #expect(throws: SigningError.self) {
            try SigningIdentity.load(privateKeyPath: bundle, certificatePath: bundle, passwordFile: passwordFile)
        }
        guard case .wrongPassword(bundle, passwordFile) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }

    @Test func expiredCertificateIsRefusedWithItsDates() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        let later = identity.notAfter.addingTimeInterval(86_400)

        let error = #expect(throws: SigningError.self) {
            try SigningIdentity.load(
                privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath, chainPath: nil,
                passwordFile: nil, now: later
            )
        }
        guard case .certificateExpired(_, identity.notBefore, identity.notAfter, later) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        let formatter = ISO8601DateFormatter()
        #expect(error?.description.contains("expired on \(formatter.string(from: identity.notAfter))") == true)
    }

    @Test func certificateNotYetValidIsRefused() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let error = #expect(throws: SigningError.self) {
            try SigningIdentity.load(
                privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath, chainPath: nil,
                passwordFile: nil, now: Date(timeIntervalSinceNow: -30 * 86_400)
            )
        }
        guard case .certificateNotYetValid = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }

    @Test func expiryWarningAppearsOnlyWithinThirtyDaysOfExpiry() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        #expect(identity.expiryWarning() == nil)
        let warning = identity.expiryWarning(at: identity.notAfter.addingTimeInterval(-10.5 * 86_400))
        #expect(warning?.contains("expires in 10 days") == true)
    }

    @Test func combinedPEMWithKeyCertificateAndChainLoadsFromOneFile() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let combined = try pki.write(
            "combined.pem",
            try String(contentsOfFile: agency.keyPath, encoding: .utf8)
                + String(contentsOfFile: agency.certificatePath, encoding: .utf8)
                + String(contentsOfFile: ca.certificatePath, encoding: .utf8)
        )
        let identity = try SigningIdentity.load(privateKeyPath: combined, certificatePath: "")
        #expect(identity.serialNumberHex == "5403a1f0c2")
        #expect(identity.chain.map(\.subject) == ["CN=Test Root CA"])
    }
}
