import Foundation

extension AxisSettings {
    /// Reads the axis secret: the systemd credential ``secretCredential`` first (from
    /// `$CREDENTIALS_DIRECTORY/<name>`), then ``secretFile``.
    ///
    /// Trailing line breaks are removed. Fails, naming the key and the path but never the secret, when the secret is
    /// missing, empty, too large, not UTF-8, or when the file is accessible to group or others ("run: chmod 600 …").
    public func loadSecret(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> String {
        let source = SecretSource(
            credentialKey: "axis.secret_credential", credentialName: secretCredential,
            fileKey: "axis.secret_file", filePath: secretFile)
        guard let secret = try source.load(environment: environment) else {
            throw ConfigError(
                keyPath: "axis.secret_file",
                message: "no axis secret is configured; set axis.secret_file or axis.secret_credential")
        }
        return secret
    }
}
