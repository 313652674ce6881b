import CPKCS11
import CryptoPrimitives
import Foundation

/// The agency key on a PKCS#11 token or HSM (`signing.private_key: pkcs11:…`), signing through the vendor's module.
///
/// One session per key, opened on first use (or by ``connect()``) and kept; calls are serialised by a lock, since
/// a token does one operation at a time. When the token is unplugged the session dies: the next signature closes
/// it, looks for the token again and opens a new session once; if the token is still missing it throws
/// ``PKCS11Error/tokenNotPresent(token:present:)`` (transient: the document waits, `status` says "token not
/// present") and tries again at the next document.
///
/// A refused or locked PIN is different: trying again would lock the token for good, so the key stops and throws the
/// same error until a new key is built from a reloaded configuration. The PIN is read from its file for each login
/// and wiped right after; it is never kept, logged or put in a message.
public final class PKCS11Key: SigningKey, @unchecked Sendable {
    public let uri: PKCS11URI
    let module: PKCS11Module
    private let pinFile: String?
    /// The certificate file's certificates (signer first), when `signing.certificate` is set; else read from the
    /// token next to the key.
    private let configuredCertificates: [[UInt8]]?
    /// `signing.chain`, appended after the signer certificate.
    private let chainCertificates: [[UInt8]]

    private let lock = NSLock()
    private var state = State.closed

    private enum State {
        case closed
        case open(OpenKey)
        /// Not used again until reloaded: a wrong or locked PIN.
        case stopped(PKCS11Error)
    }

    /// A session with the key found and the user logged in.
    struct OpenKey {
        let session: PKCS11Session
        let key: UInt
        let isEC: Bool
        let label: String
        let certificates: [[UInt8]]
    }

    /// What ``connect()`` found, for `check-config` and the start-up log.
    public struct Summary: Sendable {
        /// The token's label, model and serial number.
        public let token: String
        /// The key object's label, and RSA or EC.
        public let key: String
    }

    /// Loads the module and reads the certificate files; does not touch the token yet (see ``connect()``).
    ///
    /// - Parameters:
    ///   - uri: the RFC 7512 URI of the key (``PKCS11URI``).
    ///   - modulePath: absolute path of the vendor's PKCS#11 module (`.so`).
    ///   - pinFile: the file whose first line is the user PIN (mode 0600, or a systemd credential); nil for a token
    ///     that needs no login or has a PIN pad.
    ///   - certificatePath: the signer certificate (PEM or DER, more PEM certificates after it form the chain);
    ///     nil to read it from the token (the certificate object with the key's `CKA_ID`).
    public static func open(
        uri: String, modulePath: String, pinFile: String?, certificatePath: String?, chainPath: String?
    ) throws(SigningError) -> PKCS11Key {
        let parsed: PKCS11URI
        let module: PKCS11Module
        do {
            parsed = try PKCS11URI(parsing: uri)
            module = try PKCS11Module.shared(path: modulePath)
        } catch {
            throw .token(error)
        }
        var configured: [[UInt8]]?
        if let certificatePath {
            configured = try derCertificates(path: certificatePath, role: .certificate)
        }
        let chain = try chainPath.map { path throws(SigningError) in
            try derCertificates(path: path, role: .certificateChain)
        }
        return PKCS11Key(
            uri: parsed, module: module, pinFile: pinFile, configuredCertificates: configured,
            chainCertificates: chain ?? [])
    }

    private static func derCertificates(path: String, role: SigningError.FileRole) throws(SigningError) -> [[UInt8]] {
        var encoded: [[UInt8]] = []
        for certificate in try X509Certificate.load(path: path, role: role) { encoded.append(try certificate.der()) }
        return encoded
    }

    private init(
        uri: PKCS11URI, module: PKCS11Module, pinFile: String?, configuredCertificates: [[UInt8]]?,
        chainCertificates: [[UInt8]]
    ) {
        self.uri = uri
        self.module = module
        self.pinFile = pinFile
        self.configuredCertificates = configuredCertificates
        self.chainCertificates = chainCertificates
    }

    /// Closes the session; the token logs the user out when the process's last session closes.
    deinit { closeSession() }

    /// Opens the session now, logs in and signs a probe that is checked against the certificate, so that a wrong
    /// PIN, a missing object or a key that does not match the certificate shows at start-up and in `check-config`.
    public func connect() throws(SigningError) -> Summary {
        let opened = try withOpenKey { $0 }
        _ = try CMSSignedDataBuilder.signature(
            digest: [UInt8](repeating: 0, count: 32), key: self, signingTime: nil, timestamper: nil)
        let label = opened.label.isEmpty ? "(no label)" : "'\(opened.label)'"
        return Summary(token: opened.session.token.description, key: "\(label), \(opened.isEC ? "EC" : "RSA")")
    }

    public func certificateChain() throws(SigningError) -> [[UInt8]] {
        if let configuredCertificates { return configuredCertificates + chainCertificates }
        return try withOpenKey { $0.certificates } + chainCertificates
    }

    public func signature(over message: [UInt8], algorithm: SignatureAlgorithm) throws(SigningError) -> [UInt8] {
        try withOpenKey { opened throws(PKCS11Error) in
            guard opened.isEC == (algorithm == .ecdsaSHA256) else {
                throw .keyKindMismatch(token: opened.session.token.description, keyIsEC: opened.isEC)
            }
            if opened.isEC {
                let digest = SHA256()
                digest.update(message)
                let raw = try opened.session.sign(
                    mechanism: UInt(CKM_ECDSA), key: opened.key, data: digest.finalize().bytes)
                guard let der = ECDSASignatureDER.encode(raw: raw) else {
                    throw .call(
                        function: "C_Sign (ECDSA, \(raw.count) bytes returned)", code: UInt(CKR_FUNCTION_FAILED))
                }
                return der
            }
            return try opened.session.sign(mechanism: UInt(CKM_SHA256_RSA_PKCS), key: opened.key, data: message)
        }
    }

    /// Runs `body` with the open session, opening it first; when the token went away, opens it once more.
    private func withOpenKey<T>(_ body: (OpenKey) throws(PKCS11Error) -> T) throws(SigningError) -> T {
        lock.lock()
        defer { lock.unlock() }
        var reopened = false
        while true {
            do throws(PKCS11Error) {
                switch state {
                case .stopped(let error):
                    throw error
                case .open(let opened):
                    return try body(opened)
                case .closed:
                    let opened = try openKey()
                    state = .open(opened)
                    return try body(opened)
                }
            } catch {
                if case .stopped = state { throw .token(error) }
                if error.stopsUsingToken {
                    closeSession()
                    state = .stopped(error)
                    throw .token(error)
                }
                closeSession()
                if error.isTokenAbsent && !reopened {
                    reopened = true
                    continue
                }
                throw .token(error)
            }
        }
    }

    private func closeSession() {
        if case .open(let opened) = state { opened.session.close() }
        state = .closed
    }

    /// Finds the token, opens a session, logs in and finds the key (and its certificate unless configured).
    private func openKey() throws(PKCS11Error) -> OpenKey {
        let tokens = try module.presentTokens()
        guard
            let token = tokens.first(where: {
                uri.matches(label: $0.label, manufacturer: $0.manufacturer, serial: $0.serial, model: $0.model)
            })
        else { throw .tokenNotPresent(token: uri.tokenDescription, present: tokens.map(\.description)) }
        let session = try PKCS11Session.open(module, token: token)
        do throws(PKCS11Error) {
            try logIn(session, token: token)
            let keys = try session.findObjects(class: UInt(CKO_PRIVATE_KEY), label: uri.object, id: uri.id)
            guard let key = keys.first else {
                throw PKCS11Error.objectNotFound(token: token.description, searched: uri.keyDescription)
            }
            let keyType = try session.attribute(UInt(CKA_KEY_TYPE), of: key).map(Self.unsignedLong) ?? UInt.max
            guard keyType == UInt(CKK_RSA) || keyType == UInt(CKK_EC) else {
                throw PKCS11Error.unsupportedKey(token: token.description, keyType: keyType)
            }
            let label = try session.attribute(UInt(CKA_LABEL), of: key).map { String(decoding: $0, as: UTF8.self) }
            var certificates: [[UInt8]] = []
            if configuredCertificates == nil {
                certificates = [try certificate(in: session, forKey: key, token: token)]
            }
            return OpenKey(
                session: session, key: key, isEC: keyType == UInt(CKK_EC), label: label ?? "",
                certificates: certificates)
        } catch {
            session.close()
            throw error
        }
    }

    private func logIn(_ session: PKCS11Session, token: PKCS11TokenInfo) throws(PKCS11Error) {
        guard token.loginRequired else { return }
        if token.pinLocked { throw .pinLocked(token: token.description) }
        guard let pinFile else {
            guard token.hasPINPad else { throw .pinRequired(token: token.description) }
            // The PIN is typed on the reader's pad.
            try session.login(pin: nil)
            return
        }
        var pin: [UInt8]
        do throws(SigningError) {
            pin = try SigningIdentity.readPassword(path: pinFile)
        } catch {
            // The file problem, worded by SmallFile; not the PIN.
            throw .pinUnreadable(file: pinFile, detail: "\(error)")
        }
        defer { pin.wipe() }
        do throws(PKCS11Error) {
            try session.login(pin: pin)
        } catch {
            guard case .call(_, let code) = error else { throw error }
            if code == PKCS11Codes.pinLocked { throw .pinLocked(token: token.description) }
            if code == PKCS11Codes.pinIncorrect {
                let finalTry = (try? module.presentTokens().first { $0.slot == token.slot }?.pinFinalTry) ?? false
                throw .pinIncorrect(token: token.description, pinSource: pinFile, lastTryLeft: finalTry == true)
            }
            throw error
        }
    }

    /// The certificate object beside the key: same `CKA_ID` (the PKCS#11 convention), else the same label.
    private func certificate(in session: PKCS11Session, forKey key: UInt, token: PKCS11TokenInfo)
        throws(PKCS11Error) -> [UInt8]
    {
        let id = try session.attribute(UInt(CKA_ID), of: key).flatMap { $0.isEmpty ? nil : $0 }
        let candidates =
            id != nil
            ? try session.findObjects(class: UInt(CKO_CERTIFICATE), label: nil, id: id)
            : try session.findObjects(class: UInt(CKO_CERTIFICATE), label: uri.object, id: nil)
        guard let object = candidates.first, let value = try session.attribute(UInt(CKA_VALUE), of: object) else {
            let searched = id.map { "id " + Hex.encode($0) } ?? "label '\(uri.object ?? "")'"
            throw .objectNotFound(
                token: token.description,
                searched: "certificate with \(searched) next to the key; import it onto the token or set "
                    + "signing.certificate to the certificate file")
        }
        return value
    }

    /// A `CK_ULONG` attribute value in host byte order.
    private static func unsignedLong(_ bytes: [UInt8]) -> UInt {
        guard bytes.count == MemoryLayout<CK_ULONG>.size else { return UInt.max }
        return UInt(bytes.withUnsafeBytes { $0.loadUnaligned(as: CK_ULONG.self) })
    }
}
