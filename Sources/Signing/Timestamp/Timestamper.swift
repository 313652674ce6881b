import COpenSSL
import CryptoPrimitives
import Foundation

/// Obtains the RFC 3161 signature timestamp of PAdES B-T (and CAdES-T for `.p7s`): after the signature value is
/// computed, its SHA-256 imprint is sent to the authority with a fresh nonce, and the reply is checked before the
/// token becomes the unsigned attribute id-aa-signatureTimeStampToken of the SignerInfo.
///
/// Checks on every reply: status granted (or granted with modifications), the nonce and imprint of this request,
/// the token's signature and its ESS signing-certificate binding, and a TSA certificate with the extended key usage
/// timeStamping. With trusted TSA certificates configured, the TSA certificate must also chain to one of them.
public struct Timestamper: Sendable {
    public let authority: any TimestampAuthority
    let trusted: [X509Certificate]

    /// - Parameters:
    ///   - authority: the transport, e.g. `TimestampAuthorityClient` for an HTTP TSA.
    ///   - trustedCertificatePaths: PEM files of the TSA's roots. Empty accepts any TSA certificate whose token
    ///     verifies (the recipient decides trust); set it to refuse tokens from an unexpected authority.
    /// - Throws: ``SigningError`` when a trusted certificate file cannot be loaded.
    public init(authority: any TimestampAuthority, trustedCertificatePaths: [String] = []) throws(SigningError) {
        self.authority = authority
        var trusted: [X509Certificate] = []
        for path in trustedCertificatePaths {
            trusted += try X509Certificate.load(path: path, role: .trustedCertificate)
        }
        self.trusted = trusted
    }

    /// Bytes to reserve in a PDF's `/Contents` for a token, on top of the signature itself: the token is a signed
    /// structure with the TSA certificate (about 1–2 KiB with one TSA certificate, 4–6 KiB with a chain of three).
    public static let reservation = 8_192

    /// The DER `TimeStampToken` for `signatureValue`, checked.
    ///
    /// - Throws: ``SigningError/timestampUnavailable(authority:detail:)`` when the authority cannot be reached,
    ///   ``SigningError/timestampRejected(authority:detail:)`` when its reply is refused or fails a check.
    public func token(forSignatureValue signatureValue: [UInt8]) throws(SigningError) -> [UInt8] {
        let request = try TimestampRequest(imprintOf: signatureValue)
        let reply: [UInt8]
        do {
            reply = try authority.respond(to: request.der())
        } catch let error as SigningError {
            throw error
        } catch {
            throw .timestampUnavailable(authority: authority.name, detail: "\(error)")
        }
        return try check(reply: reply, request: request, signatureValue: signatureValue)
    }

    private func check(reply: [UInt8], request: TimestampRequest, signatureValue: [UInt8]) throws(SigningError)
        -> [UInt8]
    {
        ERR_clear_error()
        defer { ERR_clear_error() }
        let rejected = { (detail: String) in SigningError.timestampRejected(authority: authority.name, detail: detail) }
        let response = reply.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_TS_RESP(nil, &cursor, buffer.count)
        }
        guard let response else { throw rejected("the reply is not a DER TimeStampResp") }
        defer { TS_RESP_free(response) }
        guard let status = TS_RESP_get_status_info(response) else { throw rejected("the reply has no status") }
        let code = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(status))
        guard code == 0 || code == 1 else { throw rejected("the request was refused: \(Self.describe(status))") }
        guard let token = TS_RESP_get_token(response) else { throw rejected("the reply grants but holds no token") }
        let length = i2d_PKCS7(token, nil)
        guard length > 0 else { throw rejected("the token cannot be encoded") }
        var der = [UInt8](repeating: 0, count: Int(length))
        _ = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_PKCS7(token, &cursor)
        }

        let parsed: TimestampToken
        do {
            parsed = try TimestampToken(der: der)
        } catch {
            throw rejected(error.description)
        }
        guard parsed.hasNonce(request.nonce) else { throw rejected("the reply's nonce is not the request's") }
        if let problem = parsed.imprintProblem(signatureValue: signatureValue) { throw rejected(problem) }
        if case .failure(let problem) = parsed.verify(trusted: trusted, trustIncludedCertificate: trusted.isEmpty) {
            throw rejected(problem.description)
        }
        return der
    }

    /// OpenSSL's text for a status: "Status: Rejected", the free text and the failure info, on one line.
    private static func describe(_ status: OpaquePointer) -> String {
        guard let bio = try? MemoryBIO(operation: "print a timestamp status") else { return "unreadable status" }
        _ = TS_STATUS_INFO_print_bio(bio.pointer, status)
        return bio.text.split(whereSeparator: \.isNewline).joined(separator: "; ")
    }
}
