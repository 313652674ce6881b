import COpenSSL
import CryptoPrimitives
import Foundation

/// An RFC 3161 `TimeStampToken` (a CMS SignedData over a `TSTInfo`), parsed, with the checks that tie it to one
/// signature value and to a trusted timestamp authority.
final class TimestampToken {
    /// Why a token is not acceptable, in words for the report.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    let der: [UInt8]
    private let token: UnsafeMutablePointer<PKCS7>
    private let info: OpaquePointer
    /// `genTime`.
    let time: Date

    init(der: [UInt8]) throws(Problem) {
        defer { ERR_clear_error() }
        let parsed = der.withUnsafeBufferPointer { buffer -> UnsafeMutablePointer<PKCS7>? in
            var cursor = buffer.baseAddress
            let token = d2i_PKCS7(nil, &cursor, buffer.count)
            guard cursor == buffer.baseAddress.map({ $0 + buffer.count }) else {
                PKCS7_free(token)
                return nil
            }
            return token
        }
        guard let parsed else { throw Problem(description: "the timestamp token is not DER CMS") }
        guard let info = PKCS7_to_TS_TST_INFO(parsed) else {
            PKCS7_free(parsed)
            throw Problem(description: "the timestamp token does not hold a TSTInfo")
        }
        guard let time = ASN1Time.date(TS_TST_INFO_get_time(info).map { UnsafePointer($0) }) else {
            TS_TST_INFO_free(info)
            PKCS7_free(parsed)
            throw Problem(description: "the timestamp token has no readable time")
        }
        self.der = der
        self.token = parsed
        self.info = info
        self.time = time
    }

    deinit {
        TS_TST_INFO_free(info)
        PKCS7_free(token)
    }

    /// nil when the token's message imprint is the digest of `signatureValue` with an accepted algorithm.
    func imprintProblem(signatureValue: [UInt8]) -> String? {
        guard let imprint = TS_TST_INFO_get_msg_imprint(info), let algorithm = TS_MSG_IMPRINT_get_algo(imprint),
            let message = TS_MSG_IMPRINT_get_msg(imprint)
        else { return "the timestamp token has no message imprint" }
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        let nid = OBJ_obj2nid(object)
        guard [NID_sha256, NID_sha384, NID_sha512].contains(nid), let md = EVP_get_digestbyname(OBJ_nid2sn(nid))
        else { return "the timestamp imprint uses a digest other than SHA-256, SHA-384 or SHA-512" }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_Digest(signatureValue, signatureValue.count, &digest, &length, md, nil) == 1 else {
            return "the signature value could not be hashed (\(OpenSSLError.current()))"
        }
        let expected = Array(digest.prefix(Int(length)))
        let actual = Array(
            UnsafeBufferPointer(start: ASN1_STRING_get0_data(message), count: Int(ASN1_STRING_length(message))))
        guard actual == expected else {
            return "the timestamp imprint does not match the signature value: the token belongs to another signature"
        }
        return nil
    }

    /// Whether the token's nonce equals `nonce`.
    func hasNonce(_ nonce: UnsafePointer<ASN1_INTEGER>?) -> Bool {
        guard let nonce, let own = TS_TST_INFO_get_nonce(info) else { return false }
        return ASN1_INTEGER_cmp(own, nonce) == 0
    }

    /// The subject of the certificate the token says signed it, without any check (for reports on broken tokens).
    var includedSignerSubject: String? {
        guard let signers = PKCS7_get0_signers(token, nil, 0) else {
            ERR_clear_error()
            return nil
        }
        defer { COpenSSL_sk_X509_free(signers) }
        guard COpenSSL_sk_X509_num(signers) == 1, let signer = COpenSSL_sk_X509_value(signers, 0) else { return nil }
        return X509Certificate(retaining: signer).subject
    }

    /// Verifies the token's signature, its ESS signing-certificate binding and the authority's certificate: it must
    /// have the (critical) extended key usage timeStamping and chain to `trusted`. With `trustIncludedCertificate`
    /// the token's own certificates are trust anchors too, which checks signature and key usage without trust (the
    /// signer's own check of a fresh reply, when no TSA roots are configured).
    ///
    /// - Returns: the authority certificate's subject, or the problem.
    func verify(trusted: [X509Certificate], trustIncludedCertificate: Bool) -> Result<String, Problem> {
        ERR_clear_error()
        defer { ERR_clear_error() }
        guard let store = X509_STORE_new() else {
            return .failure(Problem(description: "OpenSSL could not create a store: \(OpenSSLError.current())"))
        }
        defer { X509_STORE_free(store) }
        // As for signers (CMSVerifier.chainCheck): every trusted certificate is an anchor wherever it sits.
        X509_STORE_set_flags(store, UInt(X509_V_FLAG_PARTIAL_CHAIN))
        for certificate in trusted { X509_STORE_add_cert(store, certificate.pointer) }
        if trustIncludedCertificate {
            if let included = token.pointee.d.sign?.pointee.cert {
                for index in 0..<COpenSSL_sk_X509_num(included) {
                    if let certificate = COpenSSL_sk_X509_value(included, index) {
                        X509_STORE_add_cert(store, certificate)
                    }
                }
            }
        }
        ERR_clear_error()
        if trusted.isEmpty && !trustIncludedCertificate {
            return .failure(Problem(description: "no trusted certificates were given for the timestamp authority"))
        }
        var signer: OpaquePointer?
        guard TS_RESP_verify_signature(token, nil, store, &signer) == 1 else {
            let reason = COpenSSL_ERR_peek_last_TS_reason()
            let detail = OpenSSLError.current().description
            switch reason {
            case TS_R_SIGNATURE_FAILURE:
                return .failure(Problem(description: "the timestamp token's signature does not verify: it was altered"))
            case TS_R_CERTIFICATE_VERIFY_ERROR:
                return .failure(
                    Problem(
                        description: "the timestamp authority's certificate is not trusted or not for timestamping "
                            + "(\(detail))"))
            case TS_R_ESS_SIGNING_CERTIFICATE_ERROR:
                return .failure(Problem(description: "the timestamp token does not identify its signing certificate"))
            default:
                return .failure(Problem(description: "the timestamp token does not verify (\(detail))"))
            }
        }
        guard let signer else { return .failure(Problem(description: "the timestamp token names no signer")) }
        return .success(X509Certificate(taking: signer).subject)
    }
}
