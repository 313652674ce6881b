extension InboundSettings {
    /// One sentence per `trusted_roots` entry that is missing, not a regular file, or unreadable, saying what to do;
    /// empty when all of them can be read. For `lienthong check-config`: loading the configuration only checks that
    /// the paths are absolute, so that a root being renewed does not stop the daemon from starting.
    public func trustedRootProblems() -> [String] {
        trustedRoots.compactMap {
            ReadableFileCheck.problem(key: "inbound.trusted_roots", path: $0, install: "the root certificate (PEM)")
        }
    }
}
