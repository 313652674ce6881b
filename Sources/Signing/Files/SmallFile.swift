import Foundation
import SystemSupport

/// Reads a small file (key, certificate, password) whole, after checking what it is.
///
/// The checks run on the opened descriptor (`fstat`), so a file swapped between the check and the read is caught.
enum SmallFile {
    /// Keys, certificates and bundles are a few KiB; anything far larger is the wrong file.
    static let defaultLimit = 1 << 20

    /// The service's systemd credentials directory (`LoadCredential=`), if it runs with one.
    static var credentialsDirectory: String? { ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"] }

    /// Returns the file's bytes.
    ///
    /// - Parameters:
    ///   - secret: also refuse the file when the group or other users can read it. One exception: files inside
    ///     `credentialsDirectory` may be group-readable, because systemd gives credentials mode 0440 plus an ACL for
    ///     the service user when the unit sets `User=` or `DynamicUser=` (the group bits are then the ACL mask, and
    ///     the directory is private to the service).
    static func read(
        path: String,
        role: SigningError.FileRole,
        secret: Bool,
        limit: Int = defaultLimit,
        credentialsDirectory: String? = credentialsDirectory
    ) throws(SigningError) -> [UInt8] {
        let opened = try FileOpening.open(path: path, role: role)
        let mode = opened.status.mode
        if secret {
            let forbidden: UInt32 = isInside(path, credentialsDirectory) ? 0o004 : 0o044
            if mode & forbidden != 0 { throw .insecurePermissions(path: path, role: role, mode: mode) }
        }
        guard opened.status.size <= limit else { throw .fileTooLarge(path: path, role: role, limit: limit) }

        var bytes = [UInt8](repeating: 0, count: Int(opened.status.size))
        let filled = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(SystemError) in try opened.descriptor.readFully(into: buffer) }
        }
        switch filled {
        case .success(let count):
            bytes.removeSubrange(count...)
            return bytes
        case .failure(let error):
            bytes.wipe()
            throw .fileUnreadable(path: path, role: role, reason: error.systemMessage)
        }
    }

    private static func isInside(_ path: String, _ directory: String?) -> Bool {
        guard let directory, !directory.isEmpty else { return false }
        let parent = URL(fileURLWithPath: directory).standardizedFileURL.path
        return URL(fileURLWithPath: path).standardizedFileURL.path.hasPrefix(parent + "/")
    }
}
