import COpenSSL
import CryptoPrimitives
import Foundation

/// Verification of detached CMS signatures (`.p7s`) over files, streaming the content.
public enum CMSVerifier {
    /// Checks that `signature` (DER CMS SignedData without content) signs the exact bytes of `contentPath`, and
    /// whether its signer certificate chains to one of the certificates in `trustedCertificatePaths`.
    ///
    /// Every signer's signature and message digest must verify, or this throws
    /// ``SigningError/signatureMismatch(contentPath:detail:)``. Trust is reported, not thrown: an untrusted signer,
    /// one whose certificate was not valid at the signing time, or a timestamp that does not verify gives
    /// `chainValid == false` with the reason in ``SignatureReport/chainProblem``. The chain is checked at the
    /// signing time (the RFC 3161 timestamp's when present, else the signing-time attribute), for any certificate
    /// purpose, against the signature's own certificates as intermediates; the timestamp authority must chain to
    /// the same trusted certificates.
    ///
    /// - Parameter trustedCertificatePaths: PEM files of trust anchors (each may hold several certificates).
    public static func verifyDetached(
        signature: [UInt8],
        contentPath: String,
        trustedCertificatePaths: [String]
    ) throws(SigningError) -> SignatureReport {
        try verifyDetached(
            signature: signature, contentPath: contentPath, trustedCertificatePaths: trustedCertificatePaths,
            now: Date())
    }

    /// ``verifyDetached(signature:contentPath:trustedCertificatePaths:)`` with the clock as a parameter.
    static func verifyDetached(
        signature: [UInt8],
        contentPath: String,
        trustedCertificatePaths: [String],
        now: Date
    ) throws(SigningError) -> SignatureReport {
        ERR_clear_error()
        let cms = try parse(signature)
        defer { CMS_ContentInfo_free(cms) }
        var trusted: [X509Certificate] = []
        for path in trustedCertificatePaths {
            trusted += try X509Certificate.load(path: path, role: .trustedCertificate)
        }

        let content = try ContentStream(path: contentPath)
        // Certificate trust is checked separately below, so that a bad chain is reported rather than masking
        // whether the content matches.
        let flags = UInt32(CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY)
        guard CMS_verify(cms, nil, nil, content.bio, nil, flags) == 1 else {
            throw .signatureMismatch(contentPath: contentPath, detail: OpenSSLError.current().description)
        }
        try content.confirmFullyRead()

        guard let signers = CMS_get0_signers(cms) else {
            throw .malformedSignature(detail: "no signer certificate: \(OpenSSLError.current())")
        }
        defer { COpenSSL_sk_X509_free(signers) }
        guard COpenSSL_sk_X509_num(signers) > 0, let first = COpenSSL_sk_X509_value(signers, 0) else {
            throw .malformedSignature(detail: "no signer certificate")
        }
        let signer = X509Certificate(retaining: first)
        let timestamp = firstSignerInfo(cms).flatMap {
            SignatureTimestampCheck.report(signerInfo: $0, trusted: trusted)
        }
        let claimed = signingTime(cms)
        let validation = try SigningTimeValidation(
            signer: signer, cms: cms, trusted: trusted, timestamp: timestamp, claimedTime: claimed, now: now)
        return SignatureReport(
            signerSubject: signer.subject,
            signerSerialHex: signer.serialNumberHex,
            signingTime: claimed,
            chainValid: validation.problem == nil,
            chainProblem: [validation.timestampProblem, validation.chainProblem].compactMap { $0 }.first,
            timestamp: timestamp,
            notes: validation.notes
        )
    }

    private static func parse(_ signature: [UInt8]) throws(SigningError) -> OpaquePointer {
        let bio = try MemoryBIO(bytes: signature, operation: "read the signature")
        guard let cms = d2i_CMS_bio(bio.pointer, nil) else {
            throw .malformedSignature(detail: OpenSSLError.current().description)
        }
        guard OBJ_obj2nid(CMS_get0_type(cms)) == NID_pkcs7_signed else {
            CMS_ContentInfo_free(cms)
            throw .malformedSignature(detail: "it is CMS but not SignedData")
        }
        guard CMS_is_detached(cms) == 1 else {
            CMS_ContentInfo_free(cms)
            throw .malformedSignature(detail: "it embeds its content instead of being detached")
        }
        return cms
    }

    /// nil when `signer` chains to `trusted` at `time` (now when nil), else OpenSSL's reason.
    ///
    /// Every trusted certificate is an anchor wherever it sits in the chain (`X509_V_FLAG_PARTIAL_CHAIN`): an admin
    /// may trust a partner agency's own certificate, or an intermediate CA, without its root.
    static func chainCheck(
        signer: X509Certificate,
        cms: OpaquePointer,
        trusted: [X509Certificate],
        at time: Date? = nil
    ) throws(SigningError) -> String? {
        guard !trusted.isEmpty else { return "no trusted certificates were given" }
        guard let store = X509_STORE_new() else {
            throw .openSSL(operation: "create a certificate store", error: OpenSSLError.current())
        }
        defer { X509_STORE_free(store) }
        X509_STORE_set_flags(store, UInt(X509_V_FLAG_PARTIAL_CHAIN))
        for certificate in trusted where X509_STORE_add_cert(store, certificate.pointer) != 1 {
            throw .openSSL(operation: "add a trusted certificate", error: OpenSSLError.current())
        }
        guard let context = X509_STORE_CTX_new() else {
            throw .openSSL(operation: "create a verification context", error: OpenSSLError.current())
        }
        defer { X509_STORE_CTX_free(context) }
        let intermediates = CMS_get1_certs(cms)
        defer { if let intermediates { COpenSSL_sk_X509_pop_free(intermediates) } }
        guard X509_STORE_CTX_init(context, store, signer.pointer, intermediates) == 1 else {
            throw .openSSL(operation: "start certificate verification", error: OpenSSLError.current())
        }
        if let time, let parameters = X509_STORE_CTX_get0_param(context) {
            X509_VERIFY_PARAM_set_time(parameters, time_t(time.timeIntervalSince1970.rounded(.down)))
        }
        let verified = X509_verify_cert(context) == 1
        ERR_clear_error()
        if verified { return nil }
        return String(cString: X509_verify_cert_error_string(Int(X509_STORE_CTX_get_error(context))))
    }

    static func firstSignerInfo(_ cms: OpaquePointer) -> OpaquePointer? {
        guard let infos = CMS_get0_SignerInfos(cms), COpenSSL_sk_CMS_SignerInfo_num(infos) > 0 else { return nil }
        return COpenSSL_sk_CMS_SignerInfo_value(infos, 0)
    }

    /// The first signer's signing-time attribute (UTCTime or GeneralizedTime).
    static func signingTime(_ cms: OpaquePointer) -> Date? {
        guard let info = firstSignerInfo(cms) else { return nil }
        let object = OBJ_nid2obj(NID_pkcs9_signingTime)
        for type in [V_ASN1_UTCTIME, V_ASN1_GENERALIZEDTIME] {
            if let value = CMS_signed_get0_data_by_OBJ(info, object, -3, type) {
                return ASN1Time.date(UnsafePointer(value.assumingMemoryBound(to: ASN1_TIME.self)))
            }
        }
        ERR_clear_error()
        return nil
    }
}
