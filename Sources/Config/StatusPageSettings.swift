/// `status_page`: the daemon's read-only status page (`/`, `/api/status`, `/metrics`).
///
/// It shows every agency's queue, file names and reasons, so it listens on loopback unless `allow_remote` says
/// otherwise; a non-loopback `listen` without it is a configuration error.
public struct StatusPageSettings: Sendable, Equatable {
    public static let defaultListen = ListenAddress(host: "127.0.0.1", port: 9740)

    /// Where the page listens; nil when `listen: ""` turns it off.
    public var listen: ListenAddress?
    /// Whether `listen` may be an address other machines can reach.
    public var allowRemote: Bool

    public init(listen: ListenAddress? = StatusPageSettings.defaultListen, allowRemote: Bool = false) {
        self.listen = listen
        self.allowRemote = allowRemote
    }
}
