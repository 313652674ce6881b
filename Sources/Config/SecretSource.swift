import Foundation
import SystemSupport

/// Reads a secret from a systemd credential or from a file, never putting the secret into any message.
///
/// The credential is tried first (`$CREDENTIALS_DIRECTORY/<name>`, set up by `LoadCredential=`); the file is the
/// fallback, which also lets `lienthong check-config` run outside systemd. Files must not be accessible to group or
/// others. Trailing line breaks are removed; an empty secret is refused.
struct SecretSource {
    /// Secrets are short keys and passwords; a large file is the wrong file.
    static let maximumSize = 64 * 1024

    var credentialKey: String
    var credentialName: String?
    var fileKey: String
    var filePath: String?

    /// The secret, or `nil` when neither a credential nor a file is configured.
    func load(environment: [String: String]) throws(ConfigError) -> String? {
        if let name = credentialName {
            let directory = environment["CREDENTIALS_DIRECTORY"].flatMap { $0.isEmpty ? nil : $0 }
            if let directory {
                let path = PathRules.join(directory, name)
                if FileManager.default.fileExists(atPath: path) {
                    return try Self.readSecret(path: path, keyPath: credentialKey, requirePrivateMode: false)
                }
                if filePath == nil {
                    throw ConfigError(
                        keyPath: credentialKey,
                        message: "the systemd credential '\(name)' is not in \(directory); add "
                            + "'LoadCredential=\(name):/etc/lienthong/\(name)' to the service, or set \(fileKey)")
                }
            } else if filePath == nil {
                throw ConfigError(
                    keyPath: credentialKey,
                    message: "the systemd credential '\(name)' cannot be read because $CREDENTIALS_DIRECTORY is not "
                        + "set (lienthong is not running under systemd with LoadCredential=\(name):…); set "
                        + "\(fileKey) to use the secret outside systemd")
            }
        }
        guard let filePath else { return nil }
        return try Self.readSecret(path: filePath, keyPath: fileKey, requirePrivateMode: true)
    }

    private static func readSecret(path: String, keyPath: String, requirePrivateMode: Bool) throws(ConfigError)
        -> String
    {
        func failure(_ message: String) -> ConfigError {
            ConfigError(keyPath: keyPath, message: message)
        }
        let descriptor: FileDescriptor
        let status: FileStatus
        do {
            // Opened without blocking: a FIFO planted at the path must not hang the daemon; it is refused below.
            (descriptor, status) = try FileDescriptor.openForReading(path, followingSymlinks: true)
        } catch {
            switch error.errno {
            case ENOENT: throw failure("\(path) does not exist; create it with the secret on one line, then chmod 600")
            case EACCES: throw failure("\(path) is not readable by this user; make the lienthong user its owner")
            default: throw failure("\(path) cannot be opened: \(error.systemMessage)")
            }
        }
        guard status.kind == .regular else {
            throw failure("\(path) is not a regular file; put the secret in a plain file")
        }
        let permissions = status.permissions & 0o777
        if requirePrivateMode, permissions & 0o077 != 0 {
            let mode = String(permissions, radix: 8)
            throw failure(
                "\(path) is accessible to group or others (mode 0\(mode)); anyone who can read it can act as this "
                    + "agency on the axis. Refusing to use it; run: chmod 600 \(path)")
        }

        var bytes = [UInt8](repeating: 0, count: maximumSize + 1)
        let read = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(SystemError) in try descriptor.readFully(into: buffer) }
        }
        let count: Int
        switch read {
        case .success(let value): count = value
        case .failure(let error): throw failure("\(path) cannot be read: \(error.systemMessage)")
        }
        guard count <= maximumSize else {
            throw failure("\(path) is larger than \(maximumSize) bytes; it should hold only the secret")
        }
        guard var secret = String(validating: bytes[..<count], as: UTF8.self) else {
            throw failure("\(path) is not UTF-8 text; write the secret as plain text")
        }
        while let last = secret.last, last == "\n" || last == "\r" || last == "\r\n" {
            secret.removeLast()
        }
        guard !secret.trimmingWhitespace().isEmpty else {
            throw failure("\(path) is empty; write the secret into it on one line")
        }
        return secret
    }
}
