extension LienthongConfig {
    /// Settings that are valid but probably not what the agency wants, one sentence each; `lienthong check-config`
    /// prints them as warnings without failing.
    public func warnings() -> [String] {
        var warnings: [String] = []
        if inbound.enabled, inbound.trustedRoots.isEmpty {
            warnings.append(
                "inbound.trusted_roots is empty: every received signature will read \"untrusted\"; list the "
                    + "national CA root certificates (PEM) there")
        }
        if signing.timestamp == nil {
            warnings.append(
                "no timestamp authority is configured (signing.timestamp_url): signatures carry no trusted time "
                    + "(PAdES B-B) and cannot be proven once the certificate expires; set the TSA's URL")
        }
        return warnings
    }
}
