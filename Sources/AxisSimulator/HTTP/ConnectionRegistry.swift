import NIOCore

/// The open connections of one listener: counted against its limit, and closed all at once when a stop cannot wait
/// for them any longer.
final class ConnectionRegistry: Sendable {
    private let limit: Int
    private let open = Locked<[ObjectIdentifier: any Channel]>([:])

    init(limit: Int) { self.limit = limit }

    /// Records `channel` until it closes and returns true, or returns false when `limit` connections are open
    /// already (the channel is then not recorded).
    func admit(_ channel: any Channel) -> Bool {
        let key = ObjectIdentifier(channel)
        let admitted = open.withLock { open in
            guard open.count < limit else { return false }
            open[key] = channel
            return true
        }
        if admitted {
            channel.closeFuture.whenComplete { _ in
                _ = self.open.withLock { $0.removeValue(forKey: key) }
            }
        }
        return admitted
    }

    var count: Int { open.withLock { $0.count } }

    /// Closes every open connection at once, requests in flight included.
    func closeAll() {
        for channel in open.withLock({ Array($0.values) }) { channel.close(promise: nil) }
    }
}
