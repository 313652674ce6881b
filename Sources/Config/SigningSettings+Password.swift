import Foundation

extension SigningSettings {
    /// Reads the private key's password: the systemd credential ``passwordCredential`` first, then
    /// ``passwordFile``; `nil` when neither is configured (an unencrypted key).
    ///
    /// Same rules as ``AxisSettings/loadSecret(environment:)``: never in any message, file mode 0600.
    public func loadPassword(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> String? {
        try SecretSource(
            credentialKey: "signing.password_credential", credentialName: passwordCredential,
            fileKey: "signing.password_file", filePath: passwordFile
        ).load(environment: environment)
    }
}
