import COpenSSL
import CryptoPrimitives
import Foundation

/// Checks the CMS SignedData of one PDF signature against the digest of its byte ranges.
///
/// The digest is computed by the caller's streaming function with the algorithm the signer declared, compared
/// with the signed message-digest attribute, and the signature over the signed attributes is verified with
/// `CMS_SignerInfo_verify`, so no byte of the document is ever held in memory as a whole.
struct PDFSignatureCMSCheck {
    var signerSubject: String?
    var signerSerialHex: String?
    var signingTime: Date?
    var integrityProblems: [String] = []
    var chainProblem: String?
    var timestampProblem: String?
    var timestamp: TimestampReport?
    var notes: [String] = []

    /// - Parameter claimedTime: `/M` of the signature dictionary; the chain is checked at the timestamp's time, else
    ///   at this, else at the CMS signing-time attribute.
    init(
        der: [UInt8],
        trusted: [X509Certificate],
        claimedTime: Date?,
        now: Date,
        digest: (OpaquePointer) throws(PDFError) -> [UInt8]
    ) throws(PAdESError) {
        ERR_clear_error()
        defer { ERR_clear_error() }
        let cms: OpaquePointer
        do {
            let bio = try MemoryBIO(bytes: der, operation: "read the signature")
            guard let parsed = d2i_CMS_bio(bio.pointer, nil) else {
                integrityProblems.append("/Contents is not a DER CMS structure")
                return
            }
            cms = parsed
        } catch {
            throw .signing(error)
        }
        defer { CMS_ContentInfo_free(cms) }
        guard OBJ_obj2nid(CMS_get0_type(cms)) == NID_pkcs7_signed, CMS_is_detached(cms) == 1 else {
            integrityProblems.append("/Contents is not a detached CMS SignedData")
            return
        }
        guard let infos = CMS_get0_SignerInfos(cms), COpenSSL_sk_CMS_SignerInfo_num(infos) == 1,
            let info = COpenSSL_sk_CMS_SignerInfo_value(infos, 0)
        else {
            integrityProblems.append("the CMS must hold exactly one signer")
            return
        }
        _ = CMS_set1_signers_certs(cms, nil, 0)
        var signerPointer: OpaquePointer?
        var digestAlgorithm: UnsafeMutablePointer<X509_ALGOR>?
        CMS_SignerInfo_get0_algs(info, nil, &signerPointer, &digestAlgorithm, nil)
        guard let signerPointer else {
            integrityProblems.append("the signer certificate is not included in the signature")
            return
        }
        let signer = X509Certificate(retaining: signerPointer)
        signerSubject = signer.subject
        signerSerialHex = signer.serialNumberHex
        signingTime = CMSVerifier.signingTime(cms)

        var algorithmObject: OpaquePointer?
        X509_ALGOR_get0(&algorithmObject, nil, nil, digestAlgorithm)
        let digestNID = OBJ_obj2nid(algorithmObject)
        guard [NID_sha256, NID_sha384, NID_sha512].contains(digestNID),
            let md = EVP_get_digestbyname(OBJ_nid2sn(digestNID))
        else {
            integrityProblems.append("the digest algorithm is not SHA-256, SHA-384 or SHA-512")
            return
        }
        guard CMS_signed_get_attr_count(info) > 0,
            let signedDigest = CMS_signed_get0_data_by_OBJ(
                info, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING)
        else {
            integrityProblems.append("the signature has no signed message-digest attribute")
            return
        }
        let octets = UnsafePointer(signedDigest.assumingMemoryBound(to: ASN1_STRING.self))
        let expected = Array(
            UnsafeBufferPointer(start: ASN1_STRING_get0_data(octets), count: Int(ASN1_STRING_length(octets))))
        let actual: [UInt8]
        do {
            actual = try digest(md)
        } catch {
            throw .pdf(error)
        }
        if actual != expected {
            integrityProblems.append(
                "the document bytes do not match the signed digest: the signed ranges were "
                    + "altered after signing")
        }
        if CMS_SignerInfo_verify(info) != 1 {
            integrityProblems.append(
                "the CMS signature does not verify with the signer certificate "
                    + "(\(OpenSSLError.current()))")
        }
        timestamp = SignatureTimestampCheck.report(signerInfo: info, trusted: trusted)
        do {
            let validation = try SigningTimeValidation(
                signer: signer, cms: cms, trusted: trusted, timestamp: timestamp,
                claimedTime: claimedTime ?? signingTime, now: now)
            chainProblem = validation.chainProblem
            timestampProblem = validation.timestampProblem
            notes = validation.notes
        } catch {
            throw .signing(error)
        }
    }
}
