import COpenSSL
import CryptoPrimitives
import Foundation

/// One owned reference to an OpenSSL `X509`, with the readable facts lienthong shows about it.
///
/// `@unchecked Sendable`: the certificate is never modified after parsing; its extension cache is filled in
/// `init` (see `X509_check_purpose` below), so later concurrent reads by OpenSSL do not write to it.
final class X509Certificate: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes over one reference to `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
        // Computes and caches the extensions now, while only this thread sees the certificate.
        _ = X509_check_purpose(pointer, -1, 0)
    }

    /// Adds a reference to `pointer` (for certificates borrowed from another OpenSSL object).
    convenience init(retaining pointer: OpaquePointer) {
        X509_up_ref(pointer)
        self.init(taking: pointer)
    }

    deinit { X509_free(pointer) }

    var subject: String { Self.oneLine(X509_get_subject_name(pointer)) }
    var issuer: String { Self.oneLine(X509_get_issuer_name(pointer)) }

    /// The serial number's magnitude as lowercase hex, e.g. `5403a1f0…`.
    var serialNumberHex: String {
        guard let serial = X509_get0_serialNumber(pointer), let data = ASN1_STRING_get0_data(serial) else { return "" }
        return Hex.encode(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(serial))))
    }

    var notBefore: Date? { ASN1Time.date(X509_get0_notBefore(pointer)) }
    var notAfter: Date? { ASN1Time.date(X509_get0_notAfter(pointer)) }

    var pem: String {
        guard let bio = try? MemoryBIO(operation: "write a certificate as PEM"),
            PEM_write_bio_X509(bio.pointer, pointer) == 1
        else { return "" }
        return bio.text
    }

    /// The certificate's DER encoding.
    func der() throws(SigningError) -> [UInt8] {
        let length = i2d_X509(pointer, nil)
        guard length > 0 else { throw .openSSL(operation: "encode a certificate", error: OpenSSLError.current()) }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_X509(pointer, &cursor)
        }
        guard written == length else {
            throw .openSSL(operation: "encode a certificate", error: OpenSSLError.current())
        }
        return bytes
    }

    /// Parses one DER certificate; nil when `bytes` is not exactly that.
    static func parseDER(_ bytes: [UInt8]) -> X509Certificate? {
        let parsed = bytes.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        ERR_clear_error()
        return parsed.map { X509Certificate(taking: $0) }
    }

    func isSame(as other: X509Certificate) -> Bool { X509_cmp(pointer, other.pointer) == 0 }

    private static func oneLine(_ name: OpaquePointer?) -> String {
        guard let name, let bio = try? MemoryBIO(operation: "print a certificate name") else { return "" }
        guard X509_NAME_print_ex(bio.pointer, name, 0, COpenSSL_XN_FLAG_UTF8_ONELINE()) >= 0 else { return "" }
        return bio.text
    }

    /// Every certificate in the file at `path`; throws when there is none. The file is read each time; its
    /// certificates are parsed again only when its bytes changed (``CertificateFileCache``).
    static func load(path: String, role: SigningError.FileRole) throws(SigningError) -> [X509Certificate] {
        let bytes = try SmallFile.read(path: path, role: role, secret: false)
        let certificates = try CertificateFileCache.shared.certificates(in: bytes, from: path) {
            (bytes) throws(SigningError) in try parseAll(bytes)
        }
        guard !certificates.isEmpty else { throw .invalidCertificate(path: path, detail: "no certificate found") }
        return certificates
    }

    /// Every certificate in `bytes`: PEM certificates in order, or one DER certificate.
    ///
    /// Returns an empty array when there is none; the OpenSSL error queue is left clean either way.
    static func parseAll(_ bytes: [UInt8]) throws(SigningError) -> [X509Certificate] {
        let bio = try MemoryBIO(bytes: bytes, operation: "read certificates")
        var certificates: [X509Certificate] = []
        // The callback declines: a certificate is never encrypted, and OpenSSL must never prompt on a terminal.
        while let certificate = PEM_read_bio_X509(bio.pointer, nil, { _, _, _, _ in -1 }, nil) {
            certificates.append(X509Certificate(taking: certificate))
        }
        ERR_clear_error()  // The loop always ends with "no start line".
        if certificates.isEmpty {
            let der = try MemoryBIO(bytes: bytes, operation: "read a DER certificate")
            if let certificate = d2i_X509_bio(der.pointer, nil) {
                certificates.append(X509Certificate(taking: certificate))
            }
            ERR_clear_error()
        }
        return certificates
    }
}
