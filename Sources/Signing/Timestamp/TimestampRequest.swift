import COpenSSL
import CryptoPrimitives

/// One RFC 3161 `TimeStampReq`: a SHA-256 imprint of a signature value, a random 64-bit nonce and `certReq`, so
/// that the token carries the authority's certificate.
final class TimestampRequest {
    let pointer: OpaquePointer

    init(imprintOf signatureValue: [UInt8]) throws(SigningError) {
        guard let request = TS_REQ_new() else {
            throw .openSSL(operation: "allocate a timestamp request", error: OpenSSLError.current())
        }
        pointer = request
        guard TS_REQ_set_version(request, 1) == 1, TS_REQ_set_cert_req(request, 1) == 1 else {
            throw .openSSL(operation: "fill in a timestamp request", error: OpenSSLError.current())
        }
        try setImprint(SHA256.hash(signatureValue).bytes)
        try setNonce()
    }

    deinit { TS_REQ_free(pointer) }

    private func setImprint(_ digest: [UInt8]) throws(SigningError) {
        guard let imprint = TS_MSG_IMPRINT_new() else {
            throw .openSSL(operation: "allocate a message imprint", error: OpenSSLError.current())
        }
        defer { TS_MSG_IMPRINT_free(imprint) }
        guard let algorithm = X509_ALGOR_new() else {
            throw .openSSL(operation: "allocate an algorithm identifier", error: OpenSSLError.current())
        }
        defer { X509_ALGOR_free(algorithm) }
        var digest = digest
        // The setters copy their arguments, so the temporaries above are freed here.
        guard X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nil) == 1,
            TS_MSG_IMPRINT_set_algo(imprint, algorithm) == 1,
            TS_MSG_IMPRINT_set_msg(imprint, &digest, Int32(digest.count)) == 1,
            TS_REQ_set_msg_imprint(pointer, imprint) == 1
        else { throw .openSSL(operation: "set the message imprint", error: OpenSSLError.current()) }
    }

    private func setNonce() throws(SigningError) {
        var random = [UInt8](repeating: 0, count: 8)
        guard RAND_bytes(&random, Int32(random.count)) == 1 else {
            throw .openSSL(operation: "draw a random nonce", error: OpenSSLError.current())
        }
        random[0] = random[0] & 0x7F | 0x40  // positive, and always eight bytes long
        guard let number = BN_bin2bn(random, Int32(random.count), nil) else {
            throw .openSSL(operation: "make the nonce", error: OpenSSLError.current())
        }
        defer { BN_free(number) }
        guard let nonce = BN_to_ASN1_INTEGER(number, nil) else {
            throw .openSSL(operation: "encode the nonce", error: OpenSSLError.current())
        }
        defer { ASN1_INTEGER_free(nonce) }
        guard TS_REQ_set_nonce(pointer, nonce) == 1 else {
            throw .openSSL(operation: "set the nonce", error: OpenSSLError.current())
        }
    }

    /// The request's nonce, borrowed from the request.
    var nonce: UnsafePointer<ASN1_INTEGER>? { TS_REQ_get_nonce(pointer).map { UnsafePointer($0) } }

    func der() throws(SigningError) -> [UInt8] {
        let length = i2d_TS_REQ(pointer, nil)
        guard length > 0 else {
            throw .openSSL(operation: "encode the timestamp request", error: OpenSSLError.current())
        }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_TS_REQ(pointer, &cursor)
        }
        guard written == length else {
            throw .openSSL(operation: "encode the timestamp request", error: OpenSSLError.current())
        }
        return bytes
    }
}
