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
        if let listen = statusPage.listen, !listen.isLoopback {
            warnings.append(
                "status_page.listen is \(listen) with allow_remote: anyone who can reach it reads every agency's "
                    + "queue, file names and reasons, without a password; prefer 127.0.0.1 behind an SSH tunnel or an "
                    + "authenticating reverse proxy, and firewall the port")
        }
        return warnings
    }
}
