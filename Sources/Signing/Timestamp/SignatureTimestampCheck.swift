import COpenSSL
import CryptoPrimitives
import Foundation

/// Reads and verifies the signature timestamp (id-aa-signatureTimeStampToken) of a received SignerInfo.
enum SignatureTimestampCheck {
    /// The report on the SignerInfo's timestamp token, or nil when it carries none.
    static func report(signerInfo: OpaquePointer, trusted: [X509Certificate]) -> TimestampReport? {
        defer { ERR_clear_error() }
        let index = CMS_unsigned_get_attr_by_NID(signerInfo, NID_id_smime_aa_timeStampToken, -1)
        guard index >= 0 else {
            ERR_clear_error()
            return nil
        }
        let invalid = { (problem: String) in
            TimestampReport(time: nil, authority: nil, isValid: false, problems: [problem])
        }
        guard CMS_unsigned_get_attr_by_NID(signerInfo, NID_id_smime_aa_timeStampToken, index) < 0 else {
            return invalid("the signature carries more than one timestamp attribute")
        }
        guard let attribute = CMS_unsigned_get_attr(signerInfo, index), X509_ATTRIBUTE_count(attribute) == 1,
            let sequence = COpenSSL_ASN1_TYPE_get0_sequence(X509_ATTRIBUTE_get0_type(attribute, 0)),
            let data = ASN1_STRING_get0_data(sequence)
        else { return invalid("the timestamp attribute does not hold exactly one token") }
        let der = Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(sequence))))
        guard let slot = CMS_SignerInfo_get0_signature(signerInfo), let valueData = ASN1_STRING_get0_data(slot) else {
            return invalid("the signature has no signature value to compare the timestamp with")
        }
        let value = Array(UnsafeBufferPointer(start: valueData, count: Int(ASN1_STRING_length(slot))))

        let token: TimestampToken
        do {
            token = try TimestampToken(der: der)
        } catch {
            return invalid(error.description)
        }
        var problems: [String] = []
        if let problem = token.imprintProblem(signatureValue: value) { problems.append(problem) }
        var authority: String?
        switch token.verify(trusted: trusted, trustIncludedCertificate: false) {
        case .success(let subject): authority = subject
        case .failure(let problem): problems.append(problem.description)
        }
        return TimestampReport(
            time: token.time, authority: authority ?? token.includedSignerSubject, isValid: problems.isEmpty,
            problems: problems)
    }
}
