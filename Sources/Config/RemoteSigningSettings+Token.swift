import Foundation

extension RemoteSigningSettings {
    /// Reads the bearer token: the systemd credential ``bearerTokenCredential`` first, then ``bearerTokenFile``;
    /// nil when neither is configured (the service authenticates the client certificate).
    ///
    /// Same rules as the axis secret: never in any message, file mode 0600.
    public func loadBearerToken(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> String? {
        try SecretSource(
            credentialKey: "signing.remote.bearer_token_credential", credentialName: bearerTokenCredential,
            fileKey: "signing.remote.bearer_token_file", filePath: bearerTokenFile
        ).load(environment: environment)
    }
}
