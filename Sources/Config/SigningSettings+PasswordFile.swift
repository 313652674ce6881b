import Foundation

extension SigningSettings {
    /// The file holding the key's password: the systemd credential when one is named and present
    /// (`$CREDENTIALS_DIRECTORY/<name>`), else `password_file`. The password itself is read by the signer only.
    public func passwordFileResolved(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let name = passwordCredential, let directory = environment["CREDENTIALS_DIRECTORY"] {
            return directory + "/" + name
        }
        return passwordFile
    }
}
