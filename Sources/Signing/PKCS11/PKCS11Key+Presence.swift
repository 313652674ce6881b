extension PKCS11Key {
    /// Whether a token matching the key's URI is plugged in now. Asks the module for its slot list only (no session,
    /// no login, no PIN), so the daemon can ask every few seconds for `status` and the status page.
    public var isTokenPresent: Bool {
        guard let tokens = try? module.presentTokens() else { return false }
        return tokens.contains {
            uri.matches(label: $0.label, manufacturer: $0.manufacturer, serial: $0.serial, model: $0.model)
        }
    }
}
