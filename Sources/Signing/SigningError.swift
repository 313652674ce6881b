import CryptoPrimitives
import Foundation

/// Everything that can go wrong while loading a signing identity, signing, or verifying a signature.
///
/// Each message names the file and says what to do. Passwords never appear in any message.
public enum SigningError: Error, CustomStringConvertible, Sendable {
    /// What a file is for, so that messages say "the private key /etc/…" rather than "the file /etc/…".
    public enum FileRole: String, Sendable {
        case privateKey = "private key"
        case certificate = "certificate"
        case certificateChain = "certificate chain"
        case passwordFile = "password file"
        case pkcs12 = "PKCS#12 bundle"
        case content = "document"
        case trustedCertificate = "trusted certificate"
    }

    case fileMissing(path: String, role: FileRole)
    case fileUnreadable(path: String, role: FileRole, reason: String)
    case notRegularFile(path: String, role: FileRole)
    case fileTooLarge(path: String, role: FileRole, limit: Int)
    /// A secret (key, PKCS#12 bundle, password file) that the group or other users can read.
    case insecurePermissions(path: String, role: FileRole, mode: UInt32)
    /// The key is encrypted and no password file was configured.
    case passwordRequired(keyPath: String)
    case wrongPassword(keyPath: String, passwordFile: String)
    case invalidPrivateKey(path: String, detail: String)
    case invalidCertificate(path: String, detail: String)
    case keyCertificateMismatch(keyPath: String, certificatePath: String)
    case certificateExpired(subject: String, notBefore: Date, notAfter: Date, now: Date)
    case certificateNotYetValid(subject: String, notBefore: Date, notAfter: Date, now: Date)
    /// The file's size or modification time changed, or it could not be read to the end, while it was streamed.
    case fileChangedWhileReading(path: String, detail: String)
    /// The signature bytes are not a detached CMS SignedData structure.
    case malformedSignature(detail: String)
    /// The signature does not match the content (tampered content, wrong file, or a broken signature).
    case signatureMismatch(contentPath: String, detail: String)
    case openSSL(operation: String, error: OpenSSLError)
    /// The signing key (a token, an HSM, a remote signing service) failed or returned a signature that does not
    /// verify with its certificate. Usually transient: retry once the key is reachable again.
    case keyUnavailable(detail: String)
    /// The PKCS#11 token or HSM holding the key failed; see ``PKCS11Error/isTokenAbsent`` and
    /// ``PKCS11Error/stopsUsingToken``.
    case token(PKCS11Error)
    /// The remote signing service (`signing.remote`) gave no signature.
    case remoteSigning(RemoteSigningError)
    /// The timestamp authority could not be reached or did not answer in time. Transient: retry later.
    case timestampUnavailable(authority: String, detail: String)
    /// The timestamp authority answered, but refused the request or sent a reply that fails the checks (status,
    /// nonce, imprint, signature, timeStamping certificate). Treated as transient: the document waits and is
    /// signed again, since a signature without its timestamp would not be the configured PAdES B-T.
    case timestampRejected(authority: String, detail: String)

    /// Whether the agency's key or its certificate is at fault rather than the document: an admin must act (plug the
    /// token in, fix the PIN, renew the certificate, restore the signing service) and every document waits.
    public var isKeyProblem: Bool {
        switch self {
        case .token, .remoteSigning, .keyUnavailable, .certificateExpired, .certificateNotYetValid: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .fileMissing(let path, let role):
            return "the \(role.rawValue) file \(path) does not exist; check the path in the configuration"
        case .fileUnreadable(let path, let role, let reason):
            return "the \(role.rawValue) file \(path) cannot be read (\(reason)); "
                + "make it readable by the user lienthong runs as"
        case .notRegularFile(let path, let role):
            return "the \(role.rawValue) path \(path) is not a regular file; point the configuration at the file itself"
        case .fileTooLarge(let path, let role, let limit):
            return "the \(role.rawValue) file \(path) is larger than \(limit) bytes, far too large for its kind; "
                + "check that the configuration names the right file"
        case .insecurePermissions(let path, let role, let mode):
            let octal = String(mode & 0o7777, radix: 8)
            let padded = String(repeating: "0", count: max(0, 4 - octal.count)) + octal
            let secret = role == .passwordFile ? "the password of the agency key" : "the agency key"
            return "the \(role.rawValue) file \(path) has mode \(padded): others can read \(secret); "
                + "run: chmod 600 \(path)"
        case .passwordRequired(let keyPath):
            return "the private key \(keyPath) is encrypted; configure a password file "
                + "(one line, mode 600) that holds its password"
        case .wrongPassword(let keyPath, let passwordFile):
            return "the password in \(passwordFile) does not decrypt \(keyPath); "
                + "check that the password file belongs to this key and has no extra characters"
        case .invalidPrivateKey(let path, let detail):
            return "\(path) does not hold a usable private key (\(detail)); "
                + "it must be a PEM private key (-----BEGIN PRIVATE KEY-----, possibly encrypted) "
                + "or a .p12/.pfx bundle"
        case .invalidCertificate(let path, let detail):
            return "\(path) does not hold a usable certificate (\(detail)); it must be an X.509 certificate in PEM "
                + "(-----BEGIN CERTIFICATE-----) or DER; check it with: openssl x509 -noout -subject -in \(path)"
        case .keyCertificateMismatch(let keyPath, let certificatePath):
            return "the private key \(keyPath) does not belong to the certificate \(certificatePath); "
                + "configure the certificate that was issued for this key"
        case .certificateExpired(let subject, let notBefore, let notAfter, let now):
            return "the certificate of \(subject) expired on \(Self.format(notAfter)) "
                + "(valid from \(Self.format(notBefore)); now \(Self.format(now))); "
                + "renew it with the certificate authority and install the new certificate"
        case .certificateNotYetValid(let subject, let notBefore, let notAfter, let now):
            return "the certificate of \(subject) is not valid before \(Self.format(notBefore)) "
                + "(valid until \(Self.format(notAfter)); now \(Self.format(now))); "
                + "check the system clock or wait until the certificate becomes valid"
        case .fileChangedWhileReading(let path, let detail):
            return "\(path) changed or could not be read completely while it was being processed (\(detail)); "
                + "it will have to be processed again once it is stable"
        case .malformedSignature(let detail):
            return "the signature is not a detached CMS (PKCS#7) SignedData structure in DER (\(detail)); "
                + "ask the sender for the .p7s file as produced by the signing tool"
        case .signatureMismatch(let contentPath, let detail):
            return "the signature does not match \(contentPath) (\(detail)); the document was altered "
                + "after signing or the signature belongs to another file"
        case .openSSL(let operation, let error):
            return "OpenSSL failed to \(operation): \(error)"
        case .keyUnavailable(let detail):
            return "the signing key could not sign (\(detail)); check that the token or signing service is "
                + "reachable and holds the key of the configured certificate"
        case .token(let error):
            return error.description
        case .remoteSigning(let error):
            return error.description
        case .timestampUnavailable(let authority, let detail):
            return "the timestamp authority \(authority) could not be reached (\(detail)); the document will be "
                + "signed again later; check the timestamp URL and the network if this persists"
        case .timestampRejected(let authority, let detail):
            return "the timestamp authority \(authority) gave no usable timestamp (\(detail)); the document will "
                + "be signed again later; check the timestamp URL, and the trusted TSA certificates if this persists"
        }
    }

    private static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
