/// Everything that can go wrong with a PKCS#11 token, in words an admin can act on.
///
/// The PIN never appears in any message. Whether the document waits or the token is left alone until the
/// configuration is reloaded is decided by ``isTokenAbsent`` and ``stopsUsingToken``.
public enum PKCS11Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// `signing.private_key` is not a usable RFC 7512 URI.
    case invalidURI(uri: String, reason: String)
    /// `signing.pkcs11_module` is missing, not a regular file, or not a PKCS#11 module.
    case moduleUnusable(path: String, reason: String)
    /// A PKCS#11 function failed with a code that has no more specific case.
    case call(function: String, code: UInt)
    /// No slot holds a token matching the URI: unplugged, or the token label in the URI is wrong.
    case tokenNotPresent(token: String, present: [String])
    /// The token refused the PIN from the password file.
    case pinIncorrect(token: String, pinSource: String, lastTryLeft: Bool)
    /// The token's user PIN is blocked (too many wrong PINs).
    case pinLocked(token: String)
    /// The token wants a PIN and none is configured.
    case pinRequired(token: String)
    /// The token has no object matching the URI; `searched` says what was looked for.
    case objectNotFound(token: String, searched: String)
    /// The key is neither RSA nor EC.
    case unsupportedKey(token: String, keyType: UInt)
    /// The certificate's key is RSA and the token's EC, or the reverse: the certificate belongs to another key.
    case keyKindMismatch(token: String, keyIsEC: Bool)
    /// The PIN file cannot be used; `detail` is the file problem (never the PIN).
    case pinUnreadable(file: String, detail: String)

    /// True when the token is gone (unplugged, reader disconnected): the document waits and the session is opened
    /// again once the token is back.
    public var isTokenAbsent: Bool {
        switch self {
        case .tokenNotPresent: return true
        case .call(_, let code): return Self.absenceCodes.contains(code)
        default: return false
        }
    }

    /// True when trying again could lock the PIN or cannot help before the configuration changes: lienthong stops
    /// using the token until the configuration is reloaded (`systemctl reload lienthong`).
    public var stopsUsingToken: Bool {
        switch self {
        case .pinIncorrect, .pinLocked, .pinRequired: return true
        case .call(_, let code): return code == PKCS11Codes.pinExpired || code == PKCS11Codes.pinLengthRange
        default: return false
        }
    }

    /// Codes that mean the token or the session went away with it.
    static let absenceCodes: Set<UInt> = [
        PKCS11Codes.deviceRemoved, PKCS11Codes.tokenNotPresent, PKCS11Codes.sessionClosed,
        PKCS11Codes.sessionHandleInvalid, PKCS11Codes.tokenNotRecognized, PKCS11Codes.slotIDInvalid,
        PKCS11Codes.deviceError, PKCS11Codes.userNotLoggedIn, PKCS11Codes.keyHandleInvalid,
        PKCS11Codes.objectHandleInvalid,
    ]

    public var description: String {
        switch self {
        case .invalidURI(let uri, let reason):
            return "signing.private_key '\(uri)' is not a usable PKCS#11 URI (\(reason)); write it as in RFC 7512, "
                + "e.g. pkcs11:token=agency;object=agency-key (list the token's objects with: pkcs11-tool "
                + "--module MODULE --list-objects)"
        case .moduleUnusable(let path, let reason):
            return "the PKCS#11 module \(path) cannot be used (\(reason)); set signing.pkcs11_module to the "
                + "absolute path of the token vendor's module, e.g. /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"
        case .call(let function, let code):
            if Self.absenceCodes.contains(code) {
                return "token not present or removed: the token failed in \(function) with \(PKCS11Codes.name(code)); "
                    + "plug it back in (documents wait meanwhile)"
            }
            return "the token failed in \(function) with \(PKCS11Codes.name(code))"
        case .tokenNotPresent(let token, let present):
            let others = present.isEmpty ? "no token is present" : "present: \(present.joined(separator: ", "))"
            return "token not present: no token matching \(token) is plugged in (\(others)); plug the token in "
                + "(documents wait meanwhile), or correct token= in signing.private_key"
        case .pinIncorrect(let token, let pinSource, let lastTryLeft):
            let warning = lastTryLeft ? " The token says one more wrong PIN will lock it." : ""
            return "the token \(token) refused the PIN in \(pinSource); lienthong will not try it again (a token "
                + "locks after a few wrong PINs): put the right PIN in the file, then reload the configuration "
                + "(systemctl reload lienthong); documents wait meanwhile.\(warning)"
        case .pinLocked(let token):
            return "the user PIN of the token \(token) is locked after too many wrong PINs; unblock it with the "
                + "security officer PIN (e.g. pkcs11-tool --unlock-pin) or the vendor's tool, then reload the "
                + "configuration; documents wait meanwhile"
        case .pinRequired(let token):
            return "the token \(token) requires a PIN; put it in a file readable only by lienthong (chmod 600) and "
                + "set signing.password_file, or load it as a systemd credential and set signing.password_credential"
        case .objectNotFound(let token, let searched):
            return "the token \(token) holds no \(searched); check object= and id= in signing.private_key against "
                + "pkcs11-tool --module MODULE --login --list-objects"
        case .unsupportedKey(let token, let keyType):
            return "the key on the token \(token) is of type \(keyType), neither RSA nor EC; lienthong signs with "
                + "RSA (PKCS#1 v1.5, SHA-256) or ECDSA (SHA-256) keys"
        case .keyKindMismatch(let token, let keyIsEC):
            let (key, certificate) = keyIsEC ? ("EC", "RSA") : ("RSA", "EC")
            return "the key on the token \(token) is \(key) but the certificate's key is \(certificate); configure the "
                + "certificate issued for this key (signing.certificate), or the URI of the key it was issued for"
        case .pinUnreadable(let file, let detail):
            return "the PIN file \(file) cannot be used: \(detail)"
        }
    }
}
