import COpenSSL

/// The password callback handed to OpenSSL's PEM reader, so that OpenSSL never prompts on a terminal and
/// lienthong can tell "no password configured" from "wrong password".
final class PasswordPrompt {
    private var password: [UInt8]
    private let available: Bool
    /// Whether OpenSSL asked for a password, that is, whether the PEM block was encrypted.
    private(set) var wasAsked = false

    /// - Parameter password: nil when no password file is configured.
    init(password: [UInt8]?) {
        self.password = password ?? []
        available = password != nil
    }

    deinit { password.wipe() }

    /// `PEM_read_bio_PrivateKey` answering OpenSSL's password request from this prompt.
    func readPrivateKey(from bio: OpaquePointer) -> OpaquePointer? {
        withExtendedLifetime(self) {
            PEM_read_bio_PrivateKey(
                bio, nil,
                { buffer, size, _, context in
                    guard let buffer, let context else { return -1 }
                    return Unmanaged<PasswordPrompt>.fromOpaque(context).takeUnretainedValue().answer(buffer, size)
                }, Unmanaged.passUnretained(self).toOpaque())
        }
    }

    private func answer(_ buffer: UnsafeMutablePointer<CChar>, _ size: Int32) -> Int32 {
        wasAsked = true
        guard available, password.count <= Int(size) else { return -1 }
        password.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: base, byteCount: bytes.count)
        }
        return Int32(password.count)
    }
}
