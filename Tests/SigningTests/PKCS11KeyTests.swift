import Foundation
import Testing

@testable import Signing

/// Signing with keys on a SoftHSM2 token through lienthong's own PKCS#11 calls, judged by pdfsig, pyHanko and
/// `openssl cms -verify`; and the token's failures, each one clear error that says whether documents wait.
@Suite(.serialized) struct PKCS11KeyTests {
    let token: SoftHSMToken
    let corpus: PDFCorpus

    init() throws {
        token = try SoftHSMToken.shared.get()
        try token.inject("")
        token.resetLoginCount()
        corpus = PDFCorpus(directory: token.pki.directory, caPath: token.ca.certificatePath)
    }

    func key(_ uri: String, pinFile: String? = nil, certificate: String? = nil) throws -> PKCS11Key {
        try PKCS11Key.open(
            uri: uri, modulePath: token.module, pinFile: pinFile ?? token.pinFile, certificatePath: certificate,
            chainPath: nil)
    }

    @Test(arguments: ["pkcs11:token=agency;object=agency-rsa", "pkcs11:token=agency;id=%02"])
    func tokenKeySignsPDFThatPdfsigAndPyHankoAccept(uri: String) throws {
        let key = try key(uri)
        let original = try corpus.reportlab("token-original.pdf")
        let signed = corpus.path("token-signed-\(uri.hasSuffix("%02") ? "ec" : "rsa").pdf")

        try PAdESSigner(key: key).sign(pdfAt: original, to: signed)

        let pdfsig = try corpus.pdfsig(signed)
        #expect(pdfsig.output.contains("Signature Validation: Signature is Valid."), "pdfsig: \(pdfsig.output)")
        let pyhanko = try corpus.pyhanko(signed)
        #expect(pyhanko.output.contains("The signature is judged VALID"), "pyHanko: \(pyhanko.output)")
        let report = try #require(
            try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [token.ca.certificatePath]).first)
        #expect(report.isValid, "\(report.problems)")
        #expect(report.signerSubject?.contains(TestPKI.vietnameseCommonName) == true)
    }

    @Test(arguments: ["agency-rsa", "agency-ec"])
    func tokenKeySignsP7sThatOpenSSLVerifies(object: String) throws {
        let key = try key("pkcs11:token=agency;object=\(object);type=private")
        let document = try token.pki.write("document-\(object).docx", "Công văn số 123/UBND-VP")

        let signature = try CMSSigner(key: key).detachedSignature(ofFileAt: document)

        #expect(
            try token.pki.opensslVerifies(signature: signature, content: document, caFile: token.ca.certificatePath))
    }

    @Test func connectNamesTheTokenAndTheKeyObject() throws {
        let summary = try key("pkcs11:token=agency;object=agency-ec").connect()

        #expect(summary.token.contains("'agency'"))
        #expect(summary.token.contains("SoftHSM"))
        #expect(summary.key == "'agency-ec', EC")
    }

    @Test func certificateFileReplacesTheTokensAndMustMatchTheKey() throws {
        let matching = try key("pkcs11:token=agency;object=agency-rsa", certificate: token.rsa.certificatePath)
        _ = try matching.connect()

        let mismatched = try key("pkcs11:token=agency;object=agency-rsa", certificate: token.ec.certificatePath)
        #expect {
            _ = try mismatched.connect()
        } throws: { error in
            "\(error)".contains("is RSA but the certificate's key is EC")
        }
    }

    @Test func wrongPINIsTriedOnceThenTheKeyStopsWithoutLoggingThePIN() throws {
        let key = try key("pkcs11:token=agency;object=agency-rsa", pinFile: token.wrongPINFile)
        let document = try token.pki.write("wrong-pin.txt", "x")

        var messages: [String] = []
        for _ in 0..<3 {
            do {
                _ = try CMSSigner(key: key).detachedSignature(ofFileAt: document)
                Issue.record("signed with a wrong PIN")
            } catch {
                messages.append("\(error)")
                guard case .token(let tokenError) = error else { throw error }
                #expect(tokenError.stopsUsingToken)
                #expect(!tokenError.isTokenAbsent)
            }
        }

        #expect(token.loginCount() == 1)
        #expect(Set(messages).count == 1)
        let message = try #require(messages.first)
        #expect(message.contains("refused the PIN in \(token.wrongPINFile)"))
        #expect(message.contains("will not try it again"))
        #expect(!message.contains("9999"))
    }

    @Test func lockedPINStopsTheKeyWithUnblockAdvice() throws {
        try token.inject("locked")
        let key = try key("pkcs11:token=agency;object=agency-rsa")

        #expect {
            _ = try key.connect()
        } throws: { error in
            guard case SigningError.token(.pinLocked) = error else { return false }
            return "\(error)".contains("is locked after too many wrong PINs") && "\(error)".contains("unblock")
        }
        try token.inject("")
        #expect(throws: SigningError.self) { _ = try key.connect() }
        #expect(token.loginCount() == 1)
    }

    @Test func missingTokenIsTransientAndSaysTokenNotPresent() throws {
        let key = try key("pkcs11:token=other-agency;object=agency-rsa")

        #expect {
            _ = try key.certificateChain()
        } throws: { error in
            guard case SigningError.token(let tokenError) = error else { return false }
            return tokenError.isTokenAbsent && !tokenError.stopsUsingToken
                && "\(error)".hasPrefix("token not present: no token matching token=other-agency")
                && "\(error)".contains("present: 'agency'")
        }
    }

    @Test func missingObjectNamesWhatWasSearched() throws {
        let key = try key("pkcs11:token=agency;object=agency-key;id=%09")

        #expect {
            _ = try key.connect()
        } throws: { error in
            guard case SigningError.token(let tokenError) = error else { return false }
            return !tokenError.isTokenAbsent && !tokenError.stopsUsingToken
                && "\(error)".contains("holds no private key with label 'agency-key' and id 09")
        }
        #expect {
            _ = try self.key("pkcs11:token=agency;object=orphan").connect()
        } throws: { error in
            "\(error)".contains("holds no certificate with id 03 next to the key")
        }
    }

    @Test func unpluggedTokenMakesDocumentsWaitAndTheSessionIsReopenedWhenItIsBack() throws {
        let key = try key("pkcs11:token=agency;object=agency-ec")
        let document = try token.pki.write("unplugged.txt", "Công văn")
        _ = try CMSSigner(key: key).detachedSignature(ofFileAt: document)

        try token.inject("removed")
        #expect {
            _ = try CMSSigner(key: key).detachedSignature(ofFileAt: document)
        } throws: { error in
            guard case SigningError.token(let tokenError) = error else { return false }
            return tokenError.isTokenAbsent && "\(error)".hasPrefix("token not present")
        }
        try token.inject("")
        let signature = try CMSSigner(key: key).detachedSignature(ofFileAt: document)

        #expect(
            try token.pki.opensslVerifies(signature: signature, content: document, caFile: token.ca.certificatePath))
        #expect(token.loginCount() == 2)
    }

    @Test func moduleMustBeAnAbsolutePathToAPKCS11Library() throws {
        for (path, expected) in [
            ("softhsm2.so", "the path is not absolute"), ("/nonexistent/module.so", "no such file"),
            (token.pki.directory.path, "not a regular file"), (token.pinFile, "cannot be loaded"),
        ] {
            #expect {
                _ = try PKCS11Key.open(
                    uri: "pkcs11:object=a", modulePath: path, pinFile: nil, certificatePath: nil, chainPath: nil)
            } throws: { error in
                "\(error)".contains(expected) && "\(error)".contains("signing.pkcs11_module")
            }
        }
    }
}
