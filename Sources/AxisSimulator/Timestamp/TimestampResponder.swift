import COpenSSL
import CryptoPrimitives
import Foundation

/// RFC 3161 replies made with OpenSSL's `TS_RESP_CTX`: SHA-256 (also SHA-384/512 imprints), ESSCertIDv2, the
/// configured policy and accuracy, serial numbers counting up from 1 per run, and the TSA certificate in the token
/// when the request asks for it.
///
/// `@unchecked Sendable`: the OpenSSL context is not thread-safe, so every use holds `lock`; the serial counter is
/// only touched from OpenSSL's callback during such a use.
final class TimestampResponder: @unchecked Sendable {
    private let context: OpaquePointer
    private let lock = NSLock()
    private var serial: UInt64 = 0

    init(configuration: AxisTimestampAuthorityConfiguration) throws(TimestampResponderError) {
        guard let context = TS_RESP_CTX_new() else { throw .setup(detail: Self.openSSLError()) }
        self.context = context
        let certificates = try Self.certificates(configuration.certificatePath)
        defer { certificates.forEach { X509_free($0) } }
        let key = try Self.privateKey(configuration.privateKeyPath)
        defer { EVP_PKEY_free(key) }
        guard let policy = OBJ_txt2obj(configuration.policyOID, 1) else {
            throw .setup(detail: "the policy \(configuration.policyOID) is not a dotted OID")
        }
        defer { ASN1_OBJECT_free(policy) }
        // The setters take their own references or copies.
        guard TS_RESP_CTX_set_signer_cert(context, certificates[0]) == 1,
            TS_RESP_CTX_set_signer_key(context, key) == 1,
            TS_RESP_CTX_set_signer_digest(context, EVP_sha256()) == 1,
            TS_RESP_CTX_set_ess_cert_id_digest(context, EVP_sha256()) == 1,
            TS_RESP_CTX_set_def_policy(context, policy) == 1,
            TS_RESP_CTX_add_md(context, EVP_sha256()) == 1, TS_RESP_CTX_add_md(context, EVP_sha384()) == 1,
            TS_RESP_CTX_add_md(context, EVP_sha512()) == 1,
            TS_RESP_CTX_set_accuracy(context, Int32(configuration.accuracySeconds), 0, 0) == 1,
            TS_RESP_CTX_set_clock_precision_digits(context, 3) == 1
        else { throw .setup(detail: Self.openSSLError()) }
        if certificates.count > 1 {
            guard let stack = COpenSSL_sk_X509_new_null() else { throw .setup(detail: Self.openSSLError()) }
            defer { COpenSSL_sk_X509_free(stack) }
            for certificate in certificates.dropFirst() { _ = COpenSSL_sk_X509_push(stack, certificate) }
            guard TS_RESP_CTX_set_certs(context, stack) == 1 else { throw .setup(detail: Self.openSSLError()) }
        }
        TS_RESP_CTX_set_serial_cb(
            context,
            { _, data in
                guard let data else { return nil }
                return Unmanaged<TimestampResponder>.fromOpaque(data).takeUnretainedValue().nextSerial()
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit { TS_RESP_CTX_free(context) }

    /// The DER `TimeStampResp` for a DER `TimeStampReq`; a malformed request gets a rejection response (status
    /// 2, badDataFormat), as RFC 3161 asks. nil only when OpenSSL cannot encode anything.
    func respond(to request: [UInt8]) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        defer { ERR_clear_error() }
        guard let input = request.withUnsafeBytes({ BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }) else {
            return nil
        }
        defer { BIO_free(input) }
        guard let response = TS_RESP_create_response(context, input) else { return nil }
        defer { TS_RESP_free(response) }
        let length = i2d_TS_RESP(response, nil)
        guard length > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_TS_RESP(response, &cursor)
        }
        return written == length ? bytes : nil
    }

    private func nextSerial() -> UnsafeMutablePointer<ASN1_INTEGER>? {
        serial += 1
        guard let value = ASN1_INTEGER_new() else { return nil }
        guard ASN1_INTEGER_set_uint64(value, serial) == 1 else {
            ASN1_INTEGER_free(value)
            return nil
        }
        return value
    }

    private static func certificates(_ path: String) throws(TimestampResponderError) -> [OpaquePointer] {
        guard let bio = BIO_new_file(path, "r") else {
            throw .unreadable(path: path, what: "certificate", detail: openSSLError())
        }
        defer { BIO_free(bio) }
        var certificates: [OpaquePointer] = []
        while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) { certificates.append(certificate) }
        ERR_clear_error()
        guard !certificates.isEmpty else {
            throw .unreadable(path: path, what: "certificate", detail: "no PEM certificate found")
        }
        return certificates
    }

    private static func privateKey(_ path: String) throws(TimestampResponderError) -> OpaquePointer {
        guard let bio = BIO_new_file(path, "r") else {
            throw .unreadable(path: path, what: "private key", detail: openSSLError())
        }
        defer { BIO_free(bio) }
        // The callback declines: the simulator never prompts for a password.
        guard let key = PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in -1 }, nil) else {
            throw .unreadable(path: path, what: "unencrypted private key", detail: openSSLError())
        }
        return key
    }

    private static func openSSLError() -> String { OpenSSLError.current().description }
}
