import Foundation

extension InboundSettings {
    /// One sentence per `trusted_roots` entry that is missing, not a regular file, or unreadable, saying what to do;
    /// empty when all of them can be read. For `lienthong check-config`: loading the configuration only checks that
    /// the paths are absolute, so that a root being renewed does not stop the daemon from starting.
    public func trustedRootProblems() -> [String] {
        trustedRoots.compactMap { path in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return "inbound.trusted_roots: \(path) does not exist; install the root certificate (PEM) there "
                    + "or remove the entry"
            }
            if isDirectory.boolValue {
                return "inbound.trusted_roots: \(path) is a folder; list the PEM certificate files themselves"
            }
            if !FileManager.default.isReadableFile(atPath: path) {
                return "inbound.trusted_roots: \(path) cannot be read by this user; make it readable (chmod 644)"
            }
            return nil
        }
    }
}
