/// The test timestamp authority of `lienthong-axis` (`timestamp_authority:` in the YAML file): RFC 3161 at
/// `POST /tsa` on the axis listener, for tests and demos of PAdES B-T. Not a real TSA: its clock is the host's.
public struct AxisTimestampAuthorityConfiguration: Sendable, Equatable {
    /// PEM file with the TSA certificate (extendedKeyUsage timeStamping, critical), optionally followed by its
    /// intermediate certificates, which tokens then include.
    public var certificatePath: String
    /// PEM file with the certificate's unencrypted private key.
    public var privateKeyPath: String
    /// The TSA policy OID written into every token.
    public var policyOID: String
    /// The accuracy claimed in tokens, in seconds.
    public var accuracySeconds: Int

    public init(
        certificatePath: String, privateKeyPath: String, policyOID: String = "1.3.6.1.4.1.4146.1.2",
        accuracySeconds: Int = 1
    ) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.policyOID = policyOID
        self.accuracySeconds = accuracySeconds
    }
}
