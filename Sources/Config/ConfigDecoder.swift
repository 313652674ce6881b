import Foundation
import Yams

/// Turns the composed YAML tree into a ``LienthongConfig``, collecting every problem on the way.
///
/// Invalid values are replaced by their defaults so that reading goes on; the caller throws when any problem was
/// reported, so such placeholder values never escape.
struct ConfigDecoder {
    let diagnostics: Diagnostics

    static let axisSecretAdvice =
        "put the secret in a file readable only by the lienthong user (chmod 600) and set axis.secret_file, "
        + "or load it as a systemd credential (LoadCredential=) and set axis.secret_credential"
    static let signingSecretAdvice =
        "put the key password in a file readable only by the lienthong user (chmod 600) and set "
        + "signing.password_file, or load it as a systemd credential and set signing.password_credential"

    func decode(root: MappingReader) -> LienthongConfig? {
        let stateDirectory = root.path("state_directory") ?? LienthongConfig.defaultStateDirectory
        let logLevel = root.choice("log_level", default: "info", allowed: LienthongConfig.logLevels)
        let timeZone = decodeTimeZone(root)
        let axis = section(root, "axis", required: true).flatMap(decodeAxis)
        let signing = section(root, "signing", required: true).flatMap(decodeSigning)
        let inbound = section(root, "inbound", required: false).map(decodeInbound) ?? InboundSettings()
        let retry = section(root, "retry", required: false).map(decodeRetry) ?? RetryPolicy()
        let limits = section(root, "limits", required: false).map(decodeLimits) ?? Limits()
        let statusPage = section(root, "status_page", required: false).map(decodeStatusPage) ?? StatusPageSettings()
        let agencies = decodeAgencies(root).map { agency in
            var agency = agency
            agency.trustedRoots = inbound.trustedRoots
            agency.timeZone = timeZone
            return agency
        }
        root.reportUnknownKeys(secretAdvice: Self.axisSecretAdvice)
        if let share = agencies.first(where: { PathRules.isSameOrInside(stateDirectory, $0.folders.root) }) {
            root.report(
                "state_directory",
                "'\(stateDirectory)' is inside the shared folder of agency \(share.code); the state database must "
                    + "live on a local disk out of the clerks' reach, e.g. /var/lib/lienthong")
        }

        guard let axis, let signing else { return nil }
        return LienthongConfig(
            stateDirectory: stateDirectory, axis: axis, signing: signing, inbound: inbound, retry: retry,
            limits: limits, agencies: agencies, logLevel: logLevel, timeZone: timeZone,
            statusPage: statusPage)
    }

    /// `time_zone`: an IANA name, default Vietnam time.
    private func decodeTimeZone(_ root: MappingReader) -> CivilTimeZone {
        guard let text = root.string("time_zone") else { return .vietnam }
        if let zone = CivilTimeZone(identifier: text) { return zone }
        let suggestion = CivilTimeZone.suggestion(for: text).map { "did you mean '\($0)'? " } ?? ""
        root.report(
            "time_zone",
            "'\(text)' is not a time zone name of the IANA database (as listed in /usr/share/zoneinfo); \(suggestion)"
                + "use e.g. \(CivilTimeZone.defaultIdentifier) (Vietnam time, the default), or remove the key")
        return .vietnam
    }

    private func section(_ root: MappingReader, _ key: String, required: Bool) -> MappingReader? {
        if required, root.node(key) == nil {
            root.reportMissing(key, "see the '\(key):' section of the shipped example lienthong.yaml")
            return nil
        }
        return root.mapping(key)
    }

    private func decodeAxis(_ axis: MappingReader) -> AxisSettings? {
        let endpoint = axis.requiredString("endpoint", hint: "set the axis or provincial adapter URL, e.g. https://…")
        let allowPlainHTTP = axis.bool("allow_plain_http", default: false)
        let systemId = axis.requiredString("system_id", hint: "set the system id issued with the axis secret")
        let secretFile = axis.path("secret_file")
        let secretCredential = credentialName(axis, "secret_credential")
        let caBundle = axis.path("ca_bundle")
        let clientCertificate = axis.path("client_certificate")
        let clientKey = axis.path("client_key")
        let clientKeyPasswordFile = axis.path("client_key_password_file")
        let pinnedPublicKey = axis.string("pinned_public_key")
        let proxy = axis.string("proxy")
        let connectTimeout = axis.duration("connect_timeout", default: .seconds(10))
        let requestTimeout = axis.duration("request_timeout", default: .seconds(300))
        axis.reportUnknownKeys(secretAdvice: Self.axisSecretAdvice)

        if axis.node("secret_file") == nil, axis.node("secret_credential") == nil {
            diagnostics.report(
                axis.keyPath("secret_file"), line: axis.line,
                "the axis secret is required: set secret_file (a file with mode 0600) or secret_credential "
                    + "(a systemd credential name)")
        }
        let pkcs12 = clientCertificate.map { [".p12", ".pfx"].contains(where: $0.lowercased().hasSuffix) } ?? false
        if !pkcs12, (axis.node("client_certificate") == nil) != (axis.node("client_key") == nil) {
            let missing = axis.node("client_key") == nil ? "client_key" : "client_certificate"
            diagnostics.report(
                axis.keyPath(missing), line: axis.line,
                "a PEM client_certificate and client_key go together; set both or neither "
                    + "(a .p12/.pfx client_certificate holds its key)")
        }
        if let endpoint { validateEndpoint(endpoint, allowPlainHTTP: allowPlainHTTP, axis: axis) }

        guard let endpoint, let systemId else { return nil }
        return AxisSettings(
            endpoint: endpoint, allowPlainHTTP: allowPlainHTTP, systemId: systemId, secretFile: secretFile,
            secretCredential: secretCredential, caBundle: caBundle, clientCertificate: clientCertificate,
            clientKey: clientKey, clientKeyPasswordFile: clientKeyPasswordFile, pinnedPublicKey: pinnedPublicKey,
            proxy: proxy, connectTimeout: connectTimeout, requestTimeout: requestTimeout)
    }

    private func validateEndpoint(_ endpoint: String, allowPlainHTTP: Bool, axis: MappingReader) {
        guard let url = URLComponents(string: endpoint), let scheme = url.scheme?.lowercased(),
            let host = url.host, !host.isEmpty
        else {
            axis.report(
                "endpoint", "'\(endpoint)' is not a URL; use e.g. https://axis.example.gov.vn/XrdAdapter/adapter")
            return
        }
        if url.user != nil || url.password != nil {
            axis.report("endpoint", "must not contain a user name or password; \(Self.axisSecretAdvice)")
        }
        switch scheme {
        case "https":
            break
        case "http" where allowPlainHTTP:
            break
        case "http":
            axis.report(
                "endpoint",
                "'\(endpoint)' uses plain http://, which lets anyone on the network path read every document and "
                    + "replay or alter requests; use https://, or, if the provincial adapter only speaks http on a "
                    + "private network, set axis.allow_plain_http: true")
        default:
            axis.report(
                "endpoint", "scheme '\(scheme)' is not supported; use https:// (or http:// with allow_plain_http)")
        }
    }

    private func decodeInbound(_ inbound: MappingReader) -> InboundSettings {
        let settings = InboundSettings(
            pollInterval: inbound.duration("poll_interval", default: .seconds(30)),
            enabled: inbound.bool("enabled", default: true),
            trustedRoots: decodeTrustedRoots(inbound))
        inbound.reportUnknownKeys(secretAdvice: Self.axisSecretAdvice)
        return settings
    }

    private func decodeRetry(_ retry: MappingReader) -> RetryPolicy {
        let policy = RetryPolicy(
            initialDelay: retry.duration("initial_delay", default: .seconds(5)),
            maxDelay: retry.duration("max_delay", default: .seconds(30 * 60)),
            maxAttempts: retry.int("max_attempts", default: 0, range: 0...1_000_000, meaning: "0 retries forever"),
            jitter: retry.fraction("jitter", default: 0.2))
        retry.reportUnknownKeys(secretAdvice: Self.axisSecretAdvice)
        if policy.maxDelay < policy.initialDelay {
            retry.report("max_delay", "must not be shorter than retry.initial_delay")
        }
        return policy
    }

    private func decodeLimits(_ limits: MappingReader) -> Limits {
        let decoded = Limits(
            maxDocumentSize: limits.byteSize("max_document_size", default: 500 * 1024 * 1024),
            maxAttachments: limits.int("max_attachments", default: 50, range: 1...10_000),
            maxInboundEnvelopeSize: limits.byteSize("max_inbound_envelope_size", default: 1024 * 1024 * 1024))
        limits.reportUnknownKeys(secretAdvice: Self.axisSecretAdvice)
        return decoded
    }

    /// A systemd credential name: what follows `LoadCredential=` before the colon.
    func credentialName(_ reader: MappingReader, _ key: String) -> String? {
        guard let name = reader.string(key) else { return nil }
        guard name != ".", name != "..", !name.contains("/"), name.utf8.count <= 255 else {
            reader.report(
                key,
                "'\(name)' is not a systemd credential name; use the name given to LoadCredential=, "
                    + "e.g. axis-secret (no '/')")
            return nil
        }
        return name
    }
}
