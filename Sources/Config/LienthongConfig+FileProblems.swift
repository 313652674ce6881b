extension LienthongConfig {
    /// Every file the configuration names besides the keys and secrets (trusted roots, the TSA's CA bundle, the
    /// visible-signature fonts in use) that cannot be read, one sentence each; for `lienthong check-config`.
    public func referencedFileProblems() -> [String] {
        var problems = inbound.trustedRootProblems()
        if let bundle = signing.timestamp?.caBundle,
            let problem = ReadableFileCheck.problem(
                key: "signing.timestamp_ca_bundle", path: bundle, install: "the TSA's CA certificates (PEM)")
        {
            problems.append(problem)
        }
        for (index, agency) in agencies.enumerated() where !agency.visibleSignature.folders.isEmpty {
            if let problem = ReadableFileCheck.problem(
                key: "agencies[\(index)].visible_signature.font", path: agency.visibleSignature.font,
                install: "a TrueType font with Vietnamese glyphs (apt install fonts-liberation2)")
            {
                problems.append(problem)
            }
        }
        return problems
    }
}
