import COpenSSL
import Foundation
import Testing

@testable import Signing

/// ``RemoteSigningKey``: only a SHA-256 digest leaves lienthong; the value that comes back is checked against the
/// certificate; a refusal stops the key until reload, an outage does not.
@Suite struct RemoteSigningKeyTests {
    /// A digest-signing service whose key is a key file: signs the digest as a real service would
    /// (EVP_PKEY_sign with SHA-256 as the signature digest), or fails as told.
    final class DigestService: DigestSigningService, @unchecked Sendable {
        let key: PrivateKey
        var failure: RemoteSigningError?
        private(set) var digests: [[UInt8]] = []
        var name: String { "https://sign.test/v1/sign" }

        init(keyPath: String) throws {
            key = try PrivateKey.parsePEM(
                try SmallFile.read(path: keyPath, role: .privateKey, secret: true), path: keyPath, password: nil,
                passwordFile: nil)
        }

        func signature(forDigest digest: [UInt8], algorithm: SignatureAlgorithm) throws(RemoteSigningError)
            -> [UInt8]
        {
            digests.append(digest)
            if let failure { throw failure }
            guard let signature = key.signDigestForTests(digest) else {
                throw .invalidReply(service: name, detail: "test signing failed")
            }
            return signature
        }
    }

    @Test(arguments: [TestPKI.KeyType.rsa2048, .ecP256])
    func signsP7sThatOpenSSLVerifiesSendingOnlyTheDigest(keyType: TestPKI.KeyType) throws {
        let pki = try TestPKI()
        let ca = try pki.makeRootCA()
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, keyType: keyType, by: ca)
        let service = try DigestService(keyPath: agency.keyPath)
        let key = try RemoteSigningKey(service: service, certificatePath: agency.certificatePath, chainPath: nil)
        let document = try pki.write("document.docx", "Công văn số 123/UBND-VP")

        let signature = try CMSSigner(key: key).detachedSignature(ofFileAt: document)

        #expect(try pki.opensslVerifies(signature: signature, content: document, caFile: ca.certificatePath))
        #expect(service.digests.count == 1)
        #expect(service.digests.first?.count == 32)
    }

    @Test func refusalStopsTheKeyButAnOutageDoesNot() throws {
        let pki = try TestPKI()
        let ca = try pki.makeRootCA()
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let service = try DigestService(keyPath: agency.keyPath)
        let key = try RemoteSigningKey(service: service, certificatePath: agency.certificatePath, chainPath: nil)
        let document = try pki.write("document.txt", "x")

        service.failure = .unavailable(service: service.name, detail: "HTTP 503")
        #expect(throws: SigningError.self) { _ = try CMSSigner(key: key).detachedSignature(ofFileAt: document) }
        service.failure = nil
        _ = try CMSSigner(key: key).detachedSignature(ofFileAt: document)
        #expect(service.digests.count == 2)

        service.failure = .refused(service: service.name, status: 401, detail: "")
        for _ in 0..<3 {
            #expect {
                _ = try CMSSigner(key: key).detachedSignature(ofFileAt: document)
            } throws: { error in
                "\(error)".contains("refused the request with HTTP 401")
                    && "\(error)".contains("does not call it again")
            }
        }
        #expect(service.digests.count == 3)
    }
}

extension PrivateKey {
    /// What a digest-signing service computes: EVP_PKEY_sign over the digest with SHA-256 as signature digest
    /// (PKCS#1 v1.5 DigestInfo for RSA, DER Ecdsa-Sig-Value for EC).
    func signDigestForTests(_ digest: [UInt8]) -> [UInt8]? {
        guard let context = EVP_PKEY_CTX_new(pointer, nil) else { return nil }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_sign_init(context) == 1, EVP_PKEY_CTX_set_signature_md(context, EVP_sha256()) == 1 else {
            return nil
        }
        var length = 0
        guard EVP_PKEY_sign(context, nil, &length, digest, digest.count) == 1 else { return nil }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_sign(context, &signature, &length, digest, digest.count) == 1 else { return nil }
        return Array(signature.prefix(length))
    }
}
