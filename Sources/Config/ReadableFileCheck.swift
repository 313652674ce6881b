import Foundation

/// Whether a file named in the configuration can be read, for `lienthong check-config`.
///
/// Loading the configuration only checks that such paths are absolute, so that a certificate or font being replaced
/// does not stop the daemon from starting; check-config says what is wrong before it matters.
enum ReadableFileCheck {
    /// One sentence saying what is wrong with `path` (named by `key`) and what to do, or nil when it can be read.
    /// - Parameter install: what to put there, e.g. "the root certificate (PEM)".
    static func problem(key: String, path: String, install: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "\(key): \(path) does not exist; install \(install) there or remove the entry"
        }
        if isDirectory.boolValue {
            return "\(key): \(path) is a folder; name the file itself"
        }
        if !FileManager.default.isReadableFile(atPath: path) {
            return "\(key): \(path) cannot be read by this user; make it readable (chmod 644)"
        }
        return nil
    }
}
