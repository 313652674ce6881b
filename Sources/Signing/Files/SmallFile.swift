import Foundation

/// Reads a small file (key, certificate, password) whole, after checking what it is.
///
/// The checks run on the opened descriptor (`fstat`), so a file swapped between the check and the read is caught.
enum SmallFile {
    /// Keys, certificates and bundles are a few KiB; anything far larger is the wrong file.
    static let defaultLimit = 1 << 20

    /// Returns the file's bytes.
    ///
    /// - Parameter secret: also refuse the file when the group or other users can read it.
    static func read(
        path: String,
        role: SigningError.FileRole,
        secret: Bool,
        limit: Int = defaultLimit
    ) throws(SigningError) -> [UInt8] {
        let descriptor = try FileOpening.open(path: path, role: role)
        defer { close(descriptor.fd) }

        if secret && descriptor.mode & 0o044 != 0 {
            throw .insecurePermissions(path: path, role: role, mode: descriptor.mode)
        }
        guard descriptor.size <= limit else { throw .fileTooLarge(path: path, role: role, limit: limit) }

        var bytes = [UInt8](repeating: 0, count: Int(descriptor.size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.read(descriptor.fd, base + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                bytes.wipe()
                throw .fileUnreadable(path: path, role: role, reason: reason)
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }
}
