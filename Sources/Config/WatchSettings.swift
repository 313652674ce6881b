/// How an agency's outbox is watched and when a file counts as ready to send.
public struct WatchSettings: Sendable, Equatable {
    /// Values accepted by ``mode``.
    public static let modes = ["auto", "inotify", "poll"]

    /// `auto` (inotify on local disks, polling on network mounts and when inotify fails), `inotify` or `poll`.
    public var mode: String
    /// How long a file must stay unchanged (size and mtime) before it is sent.
    public var settleTime: Duration
    /// Scan interval when polling.
    public var pollInterval: Duration
    /// Interval of the full rescan that runs regardless of events.
    public var reconciliationInterval: Duration
    /// Glob patterns of file names to send; empty sends every file that is not excluded or a temp file.
    public var include: [String]
    /// Glob patterns of file names never to send, in addition to the built-in temp-file patterns.
    public var exclude: [String]

    public init(
        mode: String = "auto",
        settleTime: Duration = .seconds(3),
        pollInterval: Duration = .seconds(10),
        reconciliationInterval: Duration = .seconds(600),
        include: [String] = [],
        exclude: [String] = []
    ) {
        self.mode = mode
        self.settleTime = settleTime
        self.pollInterval = pollInterval
        self.reconciliationInterval = reconciliationInterval
        self.include = include
        self.exclude = exclude
    }
}
