/// TLS for the axis listener (`tls:` in the YAML file). The admin listener always stays plain HTTP on loopback.
public struct AxisTLSConfiguration: Sendable, Equatable {
    /// The oldest protocol version a client may negotiate.
    public enum MinimumVersion: String, Sendable, Equatable, CaseIterable {
        case tls12 = "1.2"
        case tls13 = "1.3"
    }

    /// PEM file with the server certificate, optionally followed by its intermediate certificates.
    public var certificatePath: String
    /// PEM file with the unencrypted private key of ``certificatePath``.
    public var privateKeyPath: String
    /// PEM file with the CA certificates that sign client certificates. When set, every client must present a
    /// certificate signed by one of them, or the handshake fails.
    public var clientCAPath: String?
    public var minimumVersion: MinimumVersion

    public init(
        certificatePath: String, privateKeyPath: String, clientCAPath: String? = nil,
        minimumVersion: MinimumVersion = .tls12
    ) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.clientCAPath = clientCAPath
        self.minimumVersion = minimumVersion
    }
}
